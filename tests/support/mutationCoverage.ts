/**
 * The test's side of {@link "./mutationCoverageChild"}: during a mutation run, a dynamic-provider host is
 * started with the child module preloaded, and after each call to the host the counters its provider
 * code added are counted as covered by the test that made the call. Outside a mutation run, nothing.
 */
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
}

/** Set by jest.stryker.config.js. */
export const isMutationRun = (): boolean => process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN === "1";

/** A coverage channel for one host process, or undefined outside a mutation run. */
export function childCoverage(): ChildCoverage | undefined {
    if (!isMutationRun()) return undefined;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "child-coverage-")), "counters.json");
    return {
        preload: [require.resolve("./mutationCoverageChild")],
        env: { [COVERAGE_FILE_VARIABLE]: file },
        take() {
            if (!fs.existsSync(file)) return;
            const counters = JSON.parse(fs.readFileSync(file, "utf8")) as Counters;
            fs.rmSync(file);
            const ns = ((globalThis as { __stryker__?: StrykerNamespace }).__stryker__ ??= {});
            const coverage = (ns.mutantCoverage ??= { static: {}, perTest: {} });
            const into = ns.currentTestId ? (coverage.perTest[ns.currentTestId] ??= {}) : coverage.static;
            for (const [id, hits] of Object.entries(counters)) into[id] = (into[id] ?? 0) + hits;
        },
    };
}
