/**
 * Shared setup of the hostile-server suites: a client pointed at the hostile server, and a heap meter.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { OperationsClient, OperationsError, type OperationsClientOptions } from "../../provider/google";

export const TOKEN = "hostile-suite-token-7f3a9c21";
export const PARENT = "projects/my-proj/locations/us-central1";
export const OP = `${PARENT}/operations/op-1`;
/** Slack on top of a deadline for "ended by its deadline": generous, a loaded 2-core machine must not flake. */
export const SLACK_MS = 3_000;

/** A client of the hostile server with fast retries. */
export function hostileClient(url: string, extra: OperationsClientOptions = {}): OperationsClient {
    return new OperationsClient({
        service: "clouddeploy",
        endpoint: url,
        credentials: { accessToken: TOKEN },
        retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
        poll: { initialDelayMs: 20, maxDelayMs: 100 },
        ...extra,
    });
}

/** Runs `body`, returning what it threw (failing the test when it did not throw) and how long it took. */
export async function failure(body: () => Promise<unknown>): Promise<{ error: OperationsError; elapsedMs: number }> {
    const started = Date.now();
    let thrown: unknown;
    try {
        await body();
    } catch (err) {
        thrown = err;
    }
    const elapsedMs = Date.now() - started;
    if (thrown === undefined) throw new Error("expected the call to fail, but it succeeded");
    if (!(thrown instanceof OperationsError)) throw new Error(`expected an OperationsError, got ${String(thrown)}\n${(thrown as Error)?.stack ?? ""}`);
    return { error: thrown, elapsedMs };
}

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** Heap plus array buffers (where response bytes live), after a full collection. */
export function memoryNow(collect = true): number {
    if (collect) {
        gc();
        gc();
    }
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
}

/**
 * Runs `body` while sampling memory every 10 ms (without forcing collections, so garbage counts too,
 * unless `collect`); returns the peak growth over the baseline taken just before.
 */
export async function peakGrowth<T>(body: () => Promise<T>, options: { collect?: boolean } = {}): Promise<{ value: T; peakBytes: number }> {
    const baseline = memoryNow();
    let peak = 0;
    // With `collect`, each sample follows a full collection: what is measured is what is retained (for
    // a stream of answers that are each let go), not garbage the collector has not reached yet.
    const collect = options.collect === true;
    const timer = setInterval(() => {
        peak = Math.max(peak, memoryNow(collect) - baseline);
    }, collect ? 100 : 10);
    try {
        const value = await body();
        return { value, peakBytes: Math.max(peak, memoryNow(collect) - baseline) };
    } finally {
        clearInterval(timer);
    }
}

export const MiB = 1024 * 1024;
