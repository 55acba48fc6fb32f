/**
 * Process warnings that the command line keeps off stderr.
 *
 * google-auth-library probes the GCE metadata server while it looks for Application Default Credentials;
 * off Google Cloud, an unexpected answer to that probe (a proxy's 403, a DNS failure) becomes a
 * `MetadataLookupWarning` printed by Node. It says nothing the user can act on: when no credentials are
 * found the command fails with its own `error:` line saying what to set. Every other warning is printed
 * as usual; `DEBUG_AUTH` (google-auth-library's own debug switch) shows these too.
 */

/** The warning types dropped. */
export const QUIET_WARNINGS: ReadonlySet<string> = new Set(["MetadataLookupWarning"]);

/** The type of a warning as `process.emitWarning` was called with it. */
function warningType(warning: string | Error, typeOrOptions: unknown): string {
    if (typeof typeOrOptions === "string") return typeOrOptions;
    const fromOptions = (typeOrOptions as { type?: unknown } | undefined)?.type;
    if (typeof fromOptions === "string") return fromOptions;
    return warning instanceof Error ? warning.name : "Warning";
}

/** Drops the {@link QUIET_WARNINGS} from this process's `process.emitWarning`; every other warning goes through. */
export function quietWarnings(env: Readonly<Record<string, string | undefined>> = process.env): void {
    if (env.DEBUG_AUTH) return;
    const emit = process.emitWarning;
    const filtered = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]): void {
        if (QUIET_WARNINGS.has(warningType(warning, rest[0]))) return;
        (emit as (...args: unknown[]) => void).call(this, warning, ...rest);
    };
    process.emitWarning = filtered as typeof process.emitWarning;
}
