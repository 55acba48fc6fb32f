/**
 * Loads examples/quickstart: its seed and its program, unchanged. The program is TypeScript that imports
 * `pulumi-gcp-operations` by package name, as a user's would; it is transpiled into a temporary program
 * directory whose `node_modules/pulumi-gcp-operations` links to this repository, so it runs exactly as
 * under `pulumi up` (and the dynamic-provider host resolves the package from the same directory).
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
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

/** A program directory holding an example, and the program as a function for in-process runs. */
export interface QuickstartProgram {
    readonly dir: ProgramDir;
    /** The example's index.ts transpiled to CommonJS: the index.js a `pulumi` CLI runs. */
    readonly source: string;
    /** Runs the example's index.ts afresh; returns its exports (the stack outputs). */
    readonly program: () => Record<string, unknown>;
}

/** Transpiles examples/quickstart/index.ts into a new program directory. */
export function prepareQuickstart(): QuickstartProgram {
    return prepareExample("quickstart", QUICKSTART_PROJECT);
}

/**
 * Transpiles examples/{name}/index.ts into a new program directory.
 *
 * @param name - The example's directory under examples/.
 * @param project - Its Pulumi project name (the config namespace).
 */
export function prepareExample(name: string, project: string): QuickstartProgram {
    const source = fs.readFileSync(path.join(repoRoot(), "examples", name, "index.ts"), "utf8");
    const { outputText, diagnostics } = ts.transpileModule(source, {
        fileName: "index.ts",
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    if (diagnostics && diagnostics.length > 0) {
        const text = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ");
        throw new Error(`examples/${name}/index.ts does not compile: ${text}`);
    }
    const dir = createProgramDir({ project, files: { "index.js": outputText } });
    const entry = path.join(dir.dir, "index.js");
    // Evaluated afresh on every run, with the caller's own module loader (jest's under the tests, Node's in
    // the demo) so that the program shares @pulumi/pulumi and this package with the caller; module names
    // are resolved from the program directory, as Node would resolve them for `pulumi up`.
    const resolveFromProgram = createRequire(entry).resolve;
    const body = new Function("exports", "require", "module", "__filename", "__dirname", outputText) as (
        exports: Record<string, unknown>,
        req: (id: string) => unknown,
        mod: { exports: Record<string, unknown> },
        filename: string,
        dirname: string,
    ) => void;
    return {
        dir,
        source: outputText,
        program: () => {
            const mod = { exports: {} as Record<string, unknown> };
            body(mod.exports, (id) => require(resolveFromProgram(id)), mod, entry, dir.dir);
            return { ...mod.exports };
        },
    };
}
