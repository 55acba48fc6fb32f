/**
 * The test's side of {@link "./mutationCoverageChild"}: during a mutation run, a dynamic-provider host is
 * started with the child module preloaded, and after each call to the host the counters its provider
 * code added are counted as covered by the test that made the call. Outside a mutation run, nothing.
 */
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The environment variable naming the file a host writes its counters to. */
export const COVERAGE_FILE_VARIABLE = "PULUMI_GCP_OPERATIONS_CHILD_COVERAGE_FILE";

type Counters = Record<string, number>;
interface StrykerNamespace {
    currentTestId?: string;
    mutantCoverage?: { static: Counters; perTest: Record<string, Counters> };
}

/** What a host needs to report its coverage, and how to take what it reported. */
export interface ChildCoverage {
    preload: string[];
    env: Record<string, string>;
    /** Adds what the host reported since the last take to the current test's coverage. */
    take(): void;
    /** Removes the file (the host has exited). */
    dispose(): void;
}

/** Set by jest.stryker.config.js. */
export const isMutationRun = (): boolean => process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN === "1";

/** A coverage channel for one host process, or undefined outside a mutation run. */
export function childCoverage(): ChildCoverage | undefined {
    if (!isMutationRun()) return undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "child-coverage-"));
    const file = path.join(dir, "counters.jsonl");
    let consumed = 0;
    return {
        preload: [require.resolve("./mutationCoverageChild")],
        env: { [COVERAGE_FILE_VARIABLE]: file },
        take() {
            if (!fs.existsSync(file)) return;
            const unread = fs.readFileSync(file).subarray(consumed);
            const end = unread.lastIndexOf(0x0a);
            if (end < 0) return;
            consumed += end + 1;
            const ns = ((globalThis as { __stryker__?: StrykerNamespace }).__stryker__ ??= {});
            const coverage = (ns.mutantCoverage ??= { static: {}, perTest: {} });
            const into = ns.currentTestId ? (coverage.perTest[ns.currentTestId] ??= {}) : coverage.static;
            for (const line of unread.subarray(0, end).toString("utf8").split("\n")) {
                // `{"static": …}`: the counters of loading the runtime's modules (mutationCoverageChild.ts).
                const parsed = JSON.parse(line) as Counters | { static: Counters };
                const [counters, target] = "static" in parsed && typeof parsed.static === "object" ? [parsed.static, coverage.static] : [parsed as Counters, into];
                for (const [id, hits] of Object.entries(counters)) target[id] = (target[id] ?? 0) + hits;
            }
        },
        dispose() {
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/**
 * Runs a Node script to its end (`execFileSync`), for tests whose provider code must run outside jest's VM
 * (google-auth-library's dynamic `import()`); in a mutation run, loading the script counts as static coverage and
 * what it covered afterwards for the current test (the child writes its counters then, and when it exits).
 */
export function execNodeScript(script: string, args: readonly string[], options: ExecFileSyncOptionsWithStringEncoding): string {
    const coverage = childCoverage();
    try {
        return execFileSync(process.execPath, [...(coverage?.preload.flatMap((file) => ["--require", file]) ?? []), script, ...args], {
            ...options,
            env: { ...(options.env ?? process.env), ...coverage?.env },
        });
    } finally {
        coverage?.take();
        coverage?.dispose();
    }
}
