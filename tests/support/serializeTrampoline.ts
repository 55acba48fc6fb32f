/**
 * Serializes a trampoline exactly as `pulumi.dynamic.Resource` does (`serializeFunction(() => provider,
 * { allowSecrets: true })`). Run as a script to serialize from another copy of the module:
 * `node serializeTrampoline.js <path/to/trampoline.js> <kind>` prints `{"text":...,"containsSecrets":...}`.
 */
import * as pulumi from "@pulumi/pulumi";

/** The serialized `__provider` text for `kind` from the trampoline module at `modulePath`. */
export async function serializeTrampoline(
    modulePath: string,
    kind: string,
): Promise<{ text: string; containsSecrets: boolean }> {
    const mod = require(modulePath) as { trampolineProvider(kind: string): object };
    const provider = mod.trampolineProvider(kind);
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    return { text: sf.text, containsSecrets: sf.containsSecrets };
}

if (require.main === module) {
    const [modulePath, kind] = process.argv.slice(2);
    serializeTrampoline(modulePath, kind).then(
        (r) => process.stdout.write(JSON.stringify(r)),
        (e: unknown) => {
            console.error(e);
            process.exit(1);
        },
    );
}
