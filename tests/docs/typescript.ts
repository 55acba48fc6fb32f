/**
 * TypeScript snippets: each one becomes a file of its own, type-checked in one `tsc` run (strict, Node's
 * own module rules), then run with Node on the doc machine.
 *
 * The only rewrite is the import specifier: `pulumi-gcp-operations` and its subpaths become the built
 * package's files (what package.json's `exports` name). Snippets that run are ES modules (`.mts`: top-level
 * `await` works, as in a user's ESM script); Pulumi programs (marker `pulumi-program`) are CommonJS `.ts`
 * files, as in a Pulumi project, type-checked only, with the marker's `given` declarations before them.
 * No endpoint is rewritten either: requests go to Google's host names, which the doc machine serves.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Fence } from "./markdown";
import { ROOT, tsc } from "./environment";

/** One snippet as written to disk. */
export interface PreparedSnippet {
    fence: Fence;
    /** Runs (`.mts`) or is only type-checked (`.ts`). */
    runs: boolean;
    /** Path of the source, relative to the snippets directory. */
    source: string;
    /** Absolute path of the compiled module (runs only). */
    output: string;
    /** Lines added before the snippet. */
    offset: number;
    /** Type errors, as `FILE:LINE: message` of the doc. */
    diagnostics: string[];
}

/** package.json `exports` → the built file of each specifier (`pulumi-gcp-operations/testing` → abs path). */
export function packageSpecifiers(): Map<string, string> {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; exports: Record<string, string | { default?: string }> };
    const map = new Map<string, string>();
    for (const [subpath, target] of Object.entries(pkg.exports)) {
        const file = typeof target === "string" ? target : target.default;
        if (!file || !file.endsWith(".js")) continue;
        map.set(subpath === "." ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, "")}`, path.join(ROOT, file));
    }
    return map;
}

/** Rewrites `from "pulumi-gcp-operations…"`, `import("…")` and `require("…")` to the built package; nothing else. */
export function rewriteImports(source: string, specifiers: Map<string, string>): { text: string; unknown: string[] } {
    const unknown: string[] = [];
    const text = source.replace(/(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])(pulumi-gcp-operations(?:\/[^"']*)?)\2/g, (whole, lead: string, quote: string, spec: string) => {
        const target = specifiers.get(spec);
        if (!target) {
            unknown.push(spec);
            return whole;
        }
        return `${lead}${quote}${target}${quote}`;
    });
    return { text, unknown };
}

function slug(fence: Fence): string {
    return `${fence.file.replace(/[^A-Za-z0-9]+/g, "-")}-${fence.line}`;
}

/**
 * Writes every snippet under `dir/snippets`, type-checks them all (emitting the runnable ones to
 * `dir/snippets/out`), and returns each with its diagnostics.
 */
export function prepareSnippets(fences: Fence[], dir: string): PreparedSnippet[] {
    const specifiers = packageSpecifiers();
    const base = path.join(dir, "snippets");
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(path.join(base, "src"), { recursive: true });
    const prepared: PreparedSnippet[] = [];
    for (const fence of fences) {
        if (fence.kind !== "typescript" || fence.marker?.kind === "skip") continue;
        const runs = fence.marker?.kind !== "pulumi-program";
        const given = fence.marker?.kind === "pulumi-program" && fence.marker.given ? `${fence.marker.given}\n` : "";
        const { text, unknown } = rewriteImports(fence.body, specifiers);
        const name = `${slug(fence)}.${runs ? "mts" : "ts"}`;
        // A module in both cases: a snippet without imports or exports still gets its own scope.
        fs.writeFileSync(path.join(base, "src", name), `${given}${text}\n${/\b(import|export)\b/.test(text) ? "" : "export {};\n"}`);
        prepared.push({
            fence,
            runs,
            source: `src/${name}`,
            output: path.join(base, "out", name.replace(/\.mts$/, ".mjs").replace(/\.ts$/, ".js")),
            offset: given ? given.split("\n").length - 1 : 0,
            diagnostics: unknown.map((spec) => `${fence.file}:${fence.line}: imports ${spec}, which package.json does not export`),
        });
    }
    if (prepared.length === 0) return prepared;
    fs.writeFileSync(
        path.join(base, "tsconfig.json"),
        JSON.stringify(
            {
                compilerOptions: {
                    target: "ES2022",
                    lib: ["ES2023"],
                    module: "nodenext",
                    moduleResolution: "nodenext",
                    strict: true,
                    noImplicitOverride: true,
                    esModuleInterop: true,
                    skipLibCheck: true,
                    types: ["node"],
                    typeRoots: [path.join(dir, "node_modules", "@types")],
                    rootDir: "src",
                    outDir: "out",
                    sourceMap: false,
                },
                files: prepared.map((p) => p.source),
            },
            null,
            2,
        ),
    );
    const result = tsc(["-p", path.join(base, "tsconfig.json"), "--pretty", "false"], base);
    for (const line of result.output.split("\n")) {
        const m = /^(src\/[^(]+)\((\d+),(\d+)\): (.*)$/.exec(line.trim());
        if (!m) continue;
        const snippet = prepared.find((p) => p.source === m[1]);
        if (!snippet) continue;
        const docLine = snippet.fence.bodyLine + Number(m[2]) - 1 - snippet.offset;
        snippet.diagnostics.push(`${snippet.fence.file}:${docLine}:${m[3]}: ${m[4]}`);
    }
    if (result.status !== 0 && prepared.every((p) => p.diagnostics.length === 0)) {
        for (const p of prepared) p.diagnostics.push(`tsc failed: ${result.output}`);
    }
    return prepared;
}
