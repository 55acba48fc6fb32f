/**
 * Running gcloud as a conformance peer against the emulator: gcloud from GCLOUD or PATH, a throw-away
 * configuration directory (CLOUDSDK_CONFIG) whose `api_endpoint_overrides` point at the emulator's
 * per-service path prefix, `core/project`, `--access-token-file`, no proxy, no network.
 * Without gcloud a suite is skipped saying why, except under CI=true, where it fails.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DEFAULT_TOKEN } from "../../provider/testing";

/** Each gcloud call is bounded; gcloud itself takes 1–2 s to start. */
export const CALL_TIMEOUT_MS = 60_000;

/** The gcloud found. */
export interface Gcloud {
    path: string;
    version: string;
}

/** One gcloud run: exit code (null when killed), stdout, stderr. */
export interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** gcloud from GCLOUD or PATH, with its SDK's VERSION; or why not. */
export function findGcloud(): Gcloud | { reason: string } {
    const candidates = process.env.GCLOUD ? [process.env.GCLOUD] : (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((d) => path.join(d, "gcloud"));
    const found = candidates.find((c) => existsSync(c));
    if (!found) return { reason: process.env.GCLOUD ? `GCLOUD=${process.env.GCLOUD} does not exist` : "gcloud is not installed (not on PATH, GCLOUD not set)" };
    const versionFile = path.join(path.dirname(path.dirname(realpathSync(found))), "VERSION");
    const version = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : "unknown";
    return { path: found, version };
}

/** A describe block that runs with gcloud, is skipped with the reason without it, and fails under CI=true without it. */
export function describeWithGcloud(name: string, body: (gcloud: Gcloud) => void): void {
    const found = findGcloud();
    if ("path" in found) {
        describe(`${name} [gcloud ${found.version}: ${found.path}]`, () => body(found));
        return;
    }
    if (process.env.CI === "true") {
        describe(name, () => {
            test("needs gcloud under CI=true", () => {
                throw new Error(`the gcloud conformance suite cannot be skipped in CI: ${found.reason}`);
            });
        });
        return;
    }
    describe.skip(`${name} [skipped: ${found.reason}]`, () => {
        test("gcloud", () => undefined);
    });
    process.stderr.write(`gcloud conformance suite skipped: ${found.reason}\n`);
}

/** A throw-away gcloud configuration; {@link GcloudConfig.dispose} deletes it. */
export interface GcloudConfig {
    dir: string;
    tokenFile: string;
    dispose(): void;
}

/**
 * Writes what `gcloud config set core/project …` and `… api_endpoint_overrides/<api> …` would, with
 * every override given (`{ container: "http://127.0.0.1:PORT/container/" }`), and the emulator's token.
 */
export function gcloudConfig(project: string, overrides: Record<string, string>): GcloudConfig {
    const dir = mkdtempSync(path.join(tmpdir(), "gcloud-conformance-"));
    mkdirSync(path.join(dir, "configurations"));
    writeFileSync(path.join(dir, "active_config"), "default");
    writeFileSync(
        path.join(dir, "configurations", "config_default"),
        [
            "[core]",
            `project = ${project}`,
            "disable_usage_reporting = true",
            "[component_manager]",
            "disable_update_check = true",
            "[api_endpoint_overrides]",
            ...Object.entries(overrides).map(([api, url]) => `${api} = ${url}`),
            "",
        ].join("\n"),
    );
    const tokenFile = path.join(dir, "token");
    writeFileSync(tokenFile, DEFAULT_TOKEN);
    return { dir, tokenFile, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One bounded gcloud call with `config`; never rejects (the exit code is part of the result). */
export function runGcloud(gcloud: Gcloud, config: GcloudConfig, args: string[]): Promise<Run> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!/^(CLOUDSDK_|GOOGLE_|GCLOUD_|https?_proxy$|HTTPS?_PROXY$|all_proxy$|ALL_PROXY$)/.test(k)) env[k] = v;
    }
    Object.assign(env, { CLOUDSDK_CONFIG: config.dir, CLOUDSDK_CORE_DISABLE_PROMPTS: "1", NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" });
    return new Promise((resolve) => {
        execFile(gcloud.path, [...args, `--access-token-file=${config.tokenFile}`], { env, timeout: CALL_TIMEOUT_MS, killSignal: "SIGKILL", encoding: "utf8" }, (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
            resolve({ code, stdout, stderr });
        });
    });
}

/** The ERROR lines gcloud printed, from `ERROR:` on. */
export function errorLines(r: Run): string[] {
    return r.stderr
        .split("\n")
        .filter((l) => l.includes("ERROR:"))
        .map((l) => l.slice(l.indexOf("ERROR:")));
}
