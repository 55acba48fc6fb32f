/**
 * Runs the built `pulumi-gcp-operations` bin as a real child process against an in-process emulator.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import type { EmulatorOptions, ScriptedOperation } from "../../provider/testing";
import { CLI_SPELLINGS, NOT_SET_BY_THE_COMMAND_LINE } from "../../provider/cli/vocabulary";
import { useEmulatorPerTest, type EmulatorPerTest } from "../support/emulator";

/** The compiled bin (tests run from dist/tests/cli). */
export const BIN = path.resolve(__dirname, "../../provider/cli/main.js");

export const TOKEN = "emulator-token";
export const PROJECT = "my-project";
export const LOCATION = "us-central1";
export const PARENT = `projects/${PROJECT}/locations/${LOCATION}`;
export const opName = (id: string, parent = PARENT) => `${parent}/operations/${id}`;

/** What a finished run of the bin printed and returned. */
export interface CliRun {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
    /** Extra environment; GOOGLE_OAUTH_ACCESS_TOKEN defaults to the emulator's token (null: unset). */
    env?: Record<string, string | null>;
    /** Kill the child after this long (ms). */
    killAfterMs?: number;
}

/** A clean environment: no ambient Google settings from the machine running the tests. */
export function cliEnv(extra: Record<string, string | null> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!/^(GOOGLE_|CLOUDSDK_|GCLOUD_|USER_PROJECT_OVERRIDE)/.test(k)) env[k] = v;
    }
    env.GOOGLE_OAUTH_ACCESS_TOKEN = TOKEN;
    // Keep ADC from finding the gcloud config of the machine running the tests.
    env.CLOUDSDK_CONFIG = "/nonexistent-cloudsdk-config";
    env.NO_COLOR = "1";
    for (const [k, v] of Object.entries(extra)) {
        if (v === null) delete env[k];
        else env[k] = v;
    }
    return env;
}

/** Spawns the bin without waiting. */
export function spawnCli(args: string[], options: RunOptions = {}): ChildProcessWithoutNullStreams {
    return spawn(process.execPath, [BIN, ...args], { env: cliEnv(options.env), stdio: ["pipe", "pipe", "pipe"] });
}

/** Runs the bin to completion (asynchronously: the emulator lives in this process). */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
    const child = spawnCli(args, options);
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 60_000);
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code, signal) => {
            clearTimeout(killer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/** Parses stdout as exactly one JSON document (fails the test otherwise). */
export function jsonOf(run: CliRun): any { // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
        return JSON.parse(run.stdout);
    } catch {
        throw new Error(`stdout is not one JSON document (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
    }
}

/** Starts a fresh emulator per test, with these operations, and stops it afterwards. */
export function useEmulator(operations: () => ScriptedOperation[] = () => [], options: EmulatorOptions = {}): EmulatorPerTest {
    return useEmulatorPerTest(() => ({ ...options, seed: { operations: operations() } }));
}

/**
 * The documented exit codes, written out here rather than imported, so that a change to the
 * implementation's table fails the tests.
 */
export const EXIT = {
    OK: 0,
    INTERNAL: 1,
    USAGE: 2,
    NOT_FOUND: 3,
    UNSUPPORTED: 4,
    STILL_RUNNING: 5,
    AUTH: 6,
    UNAVAILABLE: 7,
    API_ERROR: 8,
    PARTIAL_FAILURE: 9,
    INTERRUPTED: 130,
} as const;

/**
 * The library's own names for settings that appear in `text` outside quoted values: resource inputs and
 * client options (`accessToken`, `maxConcurrency`), stack config keys (`gcp:accessToken`), and the
 * plain-word settings where a sentence asks to act on them (`set endpoint`). The command line must print none.
 */
export function libraryWordsIn(text: string): string[] {
    const unquoted = text.replace(/(?<!\w)'[^']*'(?!\w)|"(?:[^"\\]|\\.)*"|`[^`]*`/g, "");
    const options = [...Object.keys(CLI_SPELLINGS), ...NOT_SET_BY_THE_COMMAND_LINE];
    const identifiers = options.filter((o) => /[A-Z]/.test(o));
    const words = options.filter((o) => /^[a-z]+$/.test(o));
    const found = new Set<string>();
    for (const m of unquoted.matchAll(/(?<![\w/.:@-])gcp:[A-Za-z]+/g)) found.add(m[0]);
    for (const m of unquoted.matchAll(new RegExp(`(?<![\\w/.:@-])(${identifiers.join("|")})(?![\\w/-])`, "g"))) found.add(m[1]!);
    for (const m of unquoted.matchAll(new RegExp(`\\b(?:set|pass|drop|check|unset)\\s+(${words.join("|")})(?![\\w/-])`, "gi"))) found.add(m[1]!);
    return [...found];
}
