/**
 * Loads examples/quickstart: its seed and its program, unchanged. The program is TypeScript that imports
 * `pulumi-gcp-operations` by package name, as a user's would; it is transpiled into a temporary program
 * directory whose `node_modules/pulumi-gcp-operations` links to this repository, so it runs exactly as
 * under `pulumi up` (and the dynamic-provider host resolves the package from the same directory).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { loadSeedFile, type EmulatorSeed } from "../../provider/testing";
import { createProgramDir, repoRoot, type ProgramDir } from "../../tests/support/programDir";

/** The quickstart's Pulumi project name (its config namespace). */
export const QUICKSTART_PROJECT = "gcpops-quickstart";

/** The quickstart's directory in the repository. */
export function quickstartDir(): string {
    return path.join(repoRoot(), "examples", "quickstart");
}

/** The leftover operations the quickstart cancels (examples/quickstart/seed.json). */
export function quickstartSeed(): Promise<EmulatorSeed> {
    return loadSeedFile(path.join(quickstartDir(), "seed.json"));
}

/** A program directory holding the quickstart, and the program as a function for in-process runs. */
export interface QuickstartProgram {
    readonly dir: ProgramDir;
    /** Runs examples/quickstart/index.ts afresh; resolves with its exports (the stack outputs). */
    readonly program: () => Record<string, unknown>;
}

/** Transpiles examples/quickstart/index.ts into a new program directory. */
export function prepareQuickstart(): QuickstartProgram {
    const source = fs.readFileSync(path.join(quickstartDir(), "index.ts"), "utf8");
    const { outputText, diagnostics } = ts.transpileModule(source, {
        fileName: "index.ts",
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    if (diagnostics && diagnostics.length > 0) {
        const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
        throw new Error(`examples/quickstart/index.ts does not compile: ${text}`);
    }
    const dir = createProgramDir({ project: QUICKSTART_PROJECT, files: { "index.js": outputText } });
    const entry = path.join(dir.dir, "index.js");
    return {
        dir,
        program: () => {
            delete require.cache[entry];
            return { ...(require(entry) as Record<string, unknown>) };
        },
    };
}
