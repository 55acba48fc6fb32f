/** Spawning a command and timing it from spawn to exit, with its peak RSS (Linux: from GNU time-like wait4 data). */
import { spawn } from "node:child_process";

export interface ProcessRun {
    ms: number;
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs `command` to its exit (killed after `timeoutMs`); never rejects on a non-zero exit. */
export function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ProcessRun> {
    return new Promise((resolve, reject) => {
        const t0 = performance.now();
        const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ ms: performance.now() - t0, code, stdout, stderr });
        });
    });
}

/** The environment without proxies or Google settings, loopback direct. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!/^(CLOUDSDK_|GOOGLE_|GCLOUD_|https?_proxy$|HTTPS?_PROXY$|all_proxy$|ALL_PROXY$|NODE_OPTIONS$)/.test(k)) env[k] = v;
    }
    return { ...env, NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost", ...extra };
}
