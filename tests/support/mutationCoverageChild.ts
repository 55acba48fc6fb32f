/**
 * Preloaded (`node --require`) into a dynamic-provider host started during a mutation run
 * (docs/mutation.md). The provider code runs in that child process, where Stryker's per-test coverage
 * counters are out of its reach: after every call into `pulumi-gcp-operations/runtime`, this writes the
 * counters the call added as one line of the file named by {@link COVERAGE_FILE_VARIABLE} and resets them,
 * before the host answers. The test's side ({@link "./mutationCoverage"}) reads them into the current test's coverage.
 * The active mutant reaches the child through Stryker's own environment variable.
 *
 * A script run to its end instead (`execNodeScript`) never loads the runtime: what loading it covered is written
 * as static once its main module has loaded, and what it covered after that when it exits.
 */
import * as fs from "node:fs";
import Module from "node:module";
import { COVERAGE_FILE_VARIABLE } from "./mutationCoverage";
const RUNTIME = "pulumi-gcp-operations/runtime";

type Counters = Record<string, number>;
interface StrykerNamespace {
    mutantCoverage?: { static: Counters };
}

const file = process.env[COVERAGE_FILE_VARIABLE];

/**
 * @param atLoad - The counters of loading the runtime's modules (top-level code): written as `{"static": …}`,
 * so that the test's side files them as static coverage, as Stryker does for code that runs at import.
 * Counted for the test whose call loaded the runtime, a module-level mutant ran only that test (and survived
 * though other tests kill it: the "universeDomain" of the sweep provider's SCOPE_KEYS did).
 */
function flush(atLoad = false): void {
    const counters = (globalThis as { __stryker__?: StrykerNamespace }).__stryker__?.mutantCoverage?.static;
    if (!file || !counters) return;
    const ids = Object.keys(counters);
    if (ids.length === 0) return;
    const taken: Counters = { ...counters };
    // Emptied in place: the instrumented modules hold this object, not the namespace.
    for (const id of ids) delete counters[id];
    // One line per flush, appended: the test's side reads whole lines from where it stopped, so calls in
    // flight at once (and its reads meanwhile) never lose or tear a line.
    fs.appendFileSync(file, `${JSON.stringify(atLoad ? { static: taken } : taken)}\n`);
}

function wrapped(runtime: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...runtime };
    for (const [name, value] of Object.entries(runtime)) {
        if (typeof value !== "function") continue;
        out[name] = (...args: unknown[]) => {
            try {
                const result: unknown = (value as (...a: unknown[]) => unknown)(...args);
                return result instanceof Promise ? result.finally(flush) : (flush(), result);
            } catch (err) {
                flush();
                throw err;
            }
        };
    }
    return out;
}

const moduleInternals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = moduleInternals._load;
let runtimeWrapped: Record<string, unknown> | undefined;
moduleInternals._load = function (request, parent, isMain) {
    const loaded = load.call(this, request, parent, isMain);
    // The main script and every module it imports have loaded: what that covered is static, like the runtime's
    // load below (counted for the test that ran the script, a module-level mutant would run only that test).
    if (isMain) flush(true);
    if (request !== RUNTIME) return loaded;
    if (!runtimeWrapped) {
        flush(true);
        runtimeWrapped = wrapped(loaded as Record<string, unknown>);
    }
    return runtimeWrapped;
};

process.on("exit", () => flush());
