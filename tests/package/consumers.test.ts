/**
 * A consumer's TypeScript project resolves every entry point of the package (`.`, `/testing`, `/runtime`)
 * under each module resolution it may use: node10 (the default with `module: commonjs`, and what the
 * examples use), node16, nodenext and bundler. The package is linked into node_modules as npm would.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";

const root = repoRoot();
const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");

const CONSUMER = `import { OperationCancellation, OperationsClient, type OperationCancellationArgs } from "pulumi-gcp-operations";
import { OperationsEmulator, type ScriptedOperation } from "pulumi-gcp-operations/testing";
import { providerFor } from "pulumi-gcp-operations/runtime";

export const args: OperationCancellationArgs = { operation: "projects/my-project/locations/us-central1/operations/op-1", service: "clouddeploy" };
export const op: ScriptedOperation = { name: args.operation as string };
export const kinds = [OperationCancellation, OperationsClient, OperationsEmulator, providerFor];
`;

let dir: string;
beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-consumer-")));
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(root, path.join(dir, "node_modules", "pulumi-gcp-operations"), "dir");
    // The package's own dependencies, as npm would install them beside it.
    for (const dep of fs.readdirSync(path.join(root, "node_modules"))) {
        if (dep === "pulumi-gcp-operations" || dep.startsWith(".")) continue;
        fs.symlinkSync(path.join(root, "node_modules", dep), path.join(dir, "node_modules", dep), "dir");
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    fs.writeFileSync(path.join(dir, "index.ts"), CONSUMER);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([
    ["commonjs", "node10"],
    ["commonjs", "node"],
    ["node16", "node16"],
    ["nodenext", "nodenext"],
    ["esnext", "bundler"],
])("module %s with moduleResolution %s type-checks imports of ., /testing and /runtime", (module, moduleResolution) => {
    const config = { compilerOptions: { module, moduleResolution, target: "ES2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"], typeRoots: [path.join(root, "node_modules", "@types")] }, files: ["index.ts"] };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(config));
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect({ status: r.status, output: r.stdout + r.stderr }).toEqual({ status: 0, output: "" });
});
