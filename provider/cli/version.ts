/** The package version, read at run time so that it never drifts from package.json. */
export function packageVersion(): string {
    try {
        return (require("../../../package.json") as { version: string }).version;
    } catch {
        return "0.0.0";
    }
}
