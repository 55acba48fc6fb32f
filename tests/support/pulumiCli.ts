/**
 * The real Pulumi engine: finds the CLI (`.tools/pulumi/bin/pulumi` from `npm run pulumi:install`, else a
 * `pulumi` on PATH) and builds the environment that keeps it offline and away from the user's own Pulumi
 * state. Suites use {@link describeRealEngine}: under `CI=true` a missing CLI fails the run.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./programDir";

/** A usable Pulumi CLI: the executable and the folder whose plugins must come first on PATH. */
export interface PulumiCli {
    /** Absolute path of the `pulumi` executable. */
    readonly path: string;
    /** Its folder: also holds `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. */
    readonly binDir: string;
    /** Where it was found. */
    readonly source: "tools" | "PATH";
}

/** The CLI, or why there is none. */
export type CliLookup = ({ available: true } & PulumiCli) | { available: false; reason: string };

/** The folder `npm run pulumi:install` builds into. */
export function toolsBinDir(): string {
    return path.join(repoRoot(), ".tools", "pulumi", "bin");
}

/** Finds the CLI: `.tools/pulumi/bin/pulumi` first, then `pulumi` on PATH. */
export function findPulumiCli(): CliLookup {
    const tools = path.join(toolsBinDir(), "pulumi");
    if (isExecutable(tools)) {
        return { available: true, path: tools, binDir: path.dirname(tools), source: "tools" };
    }
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, "pulumi");
        if (dir && isExecutable(candidate)) {
            return { available: true, path: candidate, binDir: dir, source: "PATH" };
        }
    }
    return { available: false, reason: "no .tools/pulumi/bin/pulumi (run `npm run pulumi:install`) and no pulumi on PATH" };
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

/** The folder of the `node` that runs this process (the project's pinned Node under `npm test`). */
export function nodeBinDir(): string {
    return path.dirname(process.execPath);
}

/**
 * The environment for one stack's `pulumi` commands: the CLI's folder and this Node first on PATH, a
 * private PULUMI_HOME, a local file backend, no update check, no plugin downloads, no credentials or
 * Google settings inherited from the machine.
 */
export function pulumiEnv(cli: PulumiCli, dirs: { home: string; backend: string }, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (/^(GOOGLE_|GCLOUD_|CLOUDSDK_|PULUMI_|GCP_OPERATIONS_)/.test(k) || k === "USER_PROJECT_OVERRIDE") continue;
        env[k] = v;
    }
    return {
        ...env,
        PATH: [cli.binDir, nodeBinDir(), process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_HOME: dirs.home,
        PULUMI_BACKEND_URL: `file://${dirs.backend}`,
        PULUMI_CONFIG_PASSPHRASE: "real-engine-test-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
        NO_COLOR: "1",
        // google-auth-library must never look for a metadata server from a test.
        GCE_METADATA_HOST: "127.0.0.1:9",
        METADATA_SERVER_DETECTION: "none",
        ...extra,
    };
}

/** The version the built CLI reports, e.g. `v3.259.0`. */
export function cliVersion(cli: PulumiCli): string {
    return execFileSync(cli.path, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
}

/**
 * Declares a suite that needs the real engine. Without a CLI it is skipped, saying why, except under
 * `CI=true`, where it fails: CI must run every real-engine test.
 */
export function describeRealEngine(name: string, body: (cli: PulumiCli) => void): void {
    const found = findPulumiCli();
    if (found.available) {
        describe(`${name} [real engine: ${found.path}]`, () => body(found));
        return;
    }
    if (process.env.CI === "true") {
        describe(name, () => {
            test("needs the real Pulumi engine under CI=true", () => {
                throw new Error(`the real-engine suite cannot be skipped in CI: ${found.reason}`);
            });
        });
        return;
    }
    describe.skip(`${name} [skipped: ${found.reason}]`, () => {
        test("real engine", () => undefined);
    });
    process.stderr.write(`real-engine suite "${name}" skipped: ${found.reason}\n`);
}
