/**
 * Every example type-checks without its own `npm install`: examples/tsconfig.json maps
 * `pulumi-gcp-operations` to the sources and resolves `@pulumi/pulumi` from the repository.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";

const ROOT = repoRoot();
const EXAMPLES = path.join(ROOT, "examples");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const NAMES = ["quickstart", "cloud-deploy", "gke-multicloud-teardown", "gke-node-pool-teardown", "cloudsql-import-unblock"];

function tsc(...args: string[]): { status: number | null; output: string } {
    const r = spawnSync(process.execPath, [TSC, ...args], { cwd: ROOT, encoding: "utf8", timeout: 90_000 });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("examples", () => {
    test.each(NAMES)("%s is a complete Pulumi project that depends on this package", (name) => {
        const dir = path.join(EXAMPLES, name);
        for (const file of ["Pulumi.yaml", "package.json", "tsconfig.json", "index.ts", "README.md"]) {
            expect(fs.existsSync(path.join(dir, file)) ? file : `${file} missing`).toBe(file);
        }
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
        expect(pkg.dependencies).toMatchObject({ "pulumi-gcp-operations": "file:../..", "@pulumi/pulumi": expect.any(String) });
        expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toMatch(/^runtime:\s*\n\s+name: nodejs/m);
    });

    test("the combined config lists every example", () => {
        const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "tsconfig.json"), "utf8")) as { files: string[] };
        expect([...config.files].sort()).toEqual(NAMES.map((n) => `${n}/index.ts`).sort());
    });

    test("every example type-checks (tsc -p examples/tsconfig.json --noEmit exits 0)", () => {
        const r = tsc("-p", path.join(EXAMPLES, "tsconfig.json"), "--noEmit");
        expect(r.output).toBe("");
        expect(r.status).toBe(0);
    });

    test("the type check can fail: a wrong input to OperationCancellation is an error", () => {
        const bad = path.join(EXAMPLES, "quickstart", ".typecheck-canary.ts");
        const config = path.join(EXAMPLES, ".typecheck-canary.tsconfig.json");
        fs.writeFileSync(bad, 'import { OperationCancellation } from "pulumi-gcp-operations";\nnew OperationCancellation("x", { operation: 42 });\n');
        fs.writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", files: ["quickstart/.typecheck-canary.ts"] }));
        try {
            const r = tsc("-p", config, "--noEmit");
            expect(r.status).not.toBe(0);
            expect(r.output).toMatch(/\.typecheck-canary\.ts\(2,\d+\): error TS2322/);
        } finally {
            fs.rmSync(bad, { force: true });
            fs.rmSync(config, { force: true });
        }
    });

    test("the top-level Pulumi.yaml runs the quickstart", () => {
        const yaml = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
        expect(yaml).toMatch(/^main: examples\/quickstart\/?$/m);
        expect(yaml).toMatch(/^name: gcpops-quickstart$/m);
        expect(fs.readFileSync(path.join(EXAMPLES, "quickstart", "Pulumi.yaml"), "utf8")).toMatch(/^name: gcpops-quickstart$/m);
    });
});
