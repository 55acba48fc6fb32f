/**
 * The oldest Node.js this package runs on: undici and google-auth-library need 22, and on older Node they
 * fail at load time with a stack trace that does not say why.
 */
export const MINIMUM_NODE_MAJOR = 22;

/** One line saying that this Node.js is too old and which one is running, or undefined when it is fine. */
export function unsupportedNodeMessage(version: string = process.versions.node, executable: string = process.execPath): string | undefined {
    const major = Number.parseInt(version.split(".")[0] ?? "", 10);
    if (Number.isFinite(major) && major >= MINIMUM_NODE_MAJOR) return undefined;
    return `pulumi-gcp-operations needs Node.js ${MINIMUM_NODE_MAJOR} or newer; this is Node.js ${version} (${executable})`;
}
