/**
 * The machine the documented examples run on, as a user's would be, with Google replaced by the emulator:
 *
 * - Google's hosts: the emulator over TLS under Google's own host names, reached through a real CONNECT
 *   proxy (`HTTPS_PROXY`, which the library honours and the README documents) with the test CA trusted
 *   through `NODE_EXTRA_CA_CERTS`. No example is rewritten to name an endpoint: a `//gkemulticloud…` name
 *   really goes to `us-west1-gkemulticloud.googleapis.com`.
 * - Application Default Credentials: a GCE metadata server (`GCE_METADATA_HOST`) that hands out the
 *   emulator's token, so "ADC by default" works as it does on a VM.
 * - gcloud (when installed): a fresh configuration whose access token is the emulator's
 *   (`CLOUDSDK_AUTH_ACCESS_TOKEN_FILE`), so `$(gcloud auth print-access-token)` works.
 * - a consumer project directory: `node_modules/pulumi-gcp-operations` (this repository, built), its bin
 *   in `node_modules/.bin` and on PATH (as `npm install` leaves them; `npx` finds it there, offline), and
 *   `dist/` (for the `node dist/provider/cli/main.js` form used from a checkout).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_TOKEN, type ScriptedOperation } from "../../provider/testing";
import { nodeBinDir } from "../support/pulumiCli";
import { createProgramDir, repoRoot, type ProgramDir } from "../support/programDir";
import { startGoogleHosts, type GoogleHosts } from "../sweep/support/googleHosts";

export const ROOT = repoRoot();
export const BIN = path.join(ROOT, "dist", "provider", "cli", "main.js");

/** What a finished process printed and returned. */
export interface ProcessRun {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
}

/** Runs a process to completion in its own process group (killed whole on timeout). */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<ProcessRun> {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid, "SIGKILL");
    }, options.timeoutMs);
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr, timedOut });
        });
    });
}

/** Signals a whole process group (as a terminal's Ctrl-C does); ignores one that is gone. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
    if (pid === undefined) return;
    try {
        process.kill(-pid, signal);
    } catch {
        // already gone
    }
}

/** Shows a run for a failure message. */
export function describeRun(run: ProcessRun): string {
    const how = run.timedOut ? "timed out" : run.signal ? `killed by ${run.signal}` : `exit ${run.code}`;
    return `${how}\n--- stdout\n${run.stdout.trimEnd()}\n--- stderr\n${run.stderr.trimEnd()}`;
}

/** True when a program is on PATH. */
export function onPath(name: string, envPath = process.env.PATH ?? ""): boolean {
    return envPath.split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, name)));
}

/** A GCE metadata server that hands out `token` (ADC on a VM). */
async function startMetadataServer(token: string): Promise<{ host: string; requests: string[]; stop(): Promise<void> }> {
    const requests: string[] = [];
    const server: Server = createServer((req, res) => {
        requests.push(`${req.method} ${req.url}`);
        const headers = { "Metadata-Flavor": "Google" };
        if (req.headers["metadata-flavor"] !== "Google") {
            res.writeHead(403, headers).end("Missing Metadata-Flavor:Google header.");
            return;
        }
        const { pathname } = new URL(req.url ?? "/", "http://metadata");
        if (pathname === "/computeMetadata/v1/instance/service-accounts/default/token") {
            res.writeHead(200, { ...headers, "content-type": "application/json" }).end(JSON.stringify({ access_token: token, expires_in: 3599, token_type: "Bearer" }));
        } else if (pathname === "/computeMetadata/v1/instance" || pathname === "/computeMetadata/v1/instance/") {
            res.writeHead(200, { ...headers, "content-type": "application/text" }).end("attributes/\nservice-accounts/\n");
        } else if (pathname === "/computeMetadata/v1/project/project-id") {
            res.writeHead(200, { ...headers, "content-type": "application/text" }).end("my-project");
        } else {
            res.writeHead(404, { ...headers, "content-type": "text/html" }).end("Not Found");
        }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        stop: () => {
            server.closeAllConnections();
            return new Promise((resolve) => server.close(() => resolve()));
        },
    };
}

/** The shared parts of the machine (one per test file) and a fresh emulator per example. */
export interface DocMachine {
    /** The consumer project directory: the working directory of every example. */
    readonly dir: string;
    /** Google's hosts for the example in progress. */
    hosts(): GoogleHosts;
    /** The environment of a process of the example in progress, plus `extra`. */
    env(extra?: Record<string, string>): NodeJS.ProcessEnv;
    /** Adds operations to the emulator of the example in progress. */
    seed(operations: ScriptedOperation[]): void;
}

/** Sets the machine up for a test file (beforeAll/afterAll) and a fresh emulator per test. */
export function useDocMachine(): DocMachine {
    let program: ProgramDir | undefined;
    let metadata: Awaited<ReturnType<typeof startMetadataServer>> | undefined;
    let hosts: GoogleHosts | undefined;
    let gcloudDir = "";
    beforeAll(async () => {
        program = createProgramDir({
            project: "doc-examples",
            linkModules: { "@types": path.join(ROOT, "node_modules", "@types") },
            files: { "node_modules/.bin/pulumi-gcp-operations": `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n` },
        });
        fs.chmodSync(path.join(program.dir, "node_modules", ".bin", "pulumi-gcp-operations"), 0o755);
        fs.symlinkSync(path.join(ROOT, "dist"), path.join(program.dir, "dist"), "dir");
        metadata = await startMetadataServer(DEFAULT_TOKEN);
        gcloudDir = fs.mkdtempSync(path.join(os.tmpdir(), "doc-examples-gcloud-"));
        fs.mkdirSync(path.join(gcloudDir, "config"));
        fs.writeFileSync(path.join(gcloudDir, "token"), `${DEFAULT_TOKEN}\n`);
    });
    afterAll(async () => {
        await metadata?.stop();
        program?.cleanup();
        if (gcloudDir) fs.rmSync(gcloudDir, { recursive: true, force: true });
    });
    beforeEach(async () => {
        hosts = await startGoogleHosts();
    });
    afterEach(async () => {
        await hosts?.stop();
        hosts = undefined;
    });
    return {
        get dir() {
            if (!program) throw new Error("the doc machine is not set up");
            return program.dir;
        },
        hosts: () => {
            if (!hosts) throw new Error("no emulator: not inside a test");
            return hosts;
        },
        seed: (operations) => {
            if (!hosts) throw new Error("no emulator: not inside a test");
            for (const op of operations) if (!hosts.emu.get(op.name)) hosts.emu.add(op);
        },
        env: (extra = {}) => {
            if (!program || !metadata || !hosts) throw new Error("the doc machine is not set up");
            const env: NodeJS.ProcessEnv = {};
            for (const [k, v] of Object.entries(process.env)) {
                // Nothing of the machine running the tests: no Google settings or credentials, no proxy, no npm script context.
                if (/^(GOOGLE_|GCLOUD_|CLOUDSDK_|GCE_METADATA|GCP_OPERATIONS_|PULUMI_|npm_|NODE_EXTRA_CA_CERTS$|NODE_OPTIONS$)/i.test(k)) continue;
                if (/^(https?_proxy|no_proxy|all_proxy|USER_PROJECT_OVERRIDE|METADATA_SERVER_DETECTION)$/i.test(k)) continue;
                env[k] = v;
            }
            return {
                ...env,
                PATH: [path.join(program.dir, "node_modules", ".bin"), nodeBinDir(), process.env.PATH ?? ""].join(path.delimiter),
                ...hosts.env,
                // The metadata server is reached directly, never through the proxy.
                NO_PROXY: "127.0.0.1,localhost",
                GCE_METADATA_HOST: metadata.host,
                CLOUDSDK_CONFIG: path.join(gcloudDir, "config"),
                CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: path.join(gcloudDir, "token"),
                CLOUDSDK_CORE_DISABLE_PROMPTS: "1",
                CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: "1",
                npm_config_offline: "true",
                npm_config_update_notifier: "false",
                npm_config_fund: "false",
                NO_COLOR: "1",
                ...extra,
            };
        },
    };
}

/** Runs `tsc` of the repository with these arguments. */
export function tsc(args: string[], cwd: string): { status: number | null; output: string } {
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), ...args], { cwd, encoding: "utf8", timeout: 120_000 });
    return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}
