/**
 * A call ends by its overall deadline: the last attempt's timeout is clipped to it, in getOperation,
 * waitForOperation and cancelAndConfirm alike (the issue allows 250 ms of scheduling slack; the bound
 * adds the event-loop delay measured during the call, so a loaded machine cannot make it flake).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { DeadlineExceededError } from "../../provider/google";
import { DEPLOY_OP, useEmulator } from "./support";

const SCHEDULING_SLACK_MS = 250;

/** Runs `body`, returning its result (or error), how long it took, and the worst event-loop delay seen meanwhile. */
async function timed<T>(body: () => Promise<T>): Promise<{ value?: T; error?: unknown; elapsedMs: number; lagMs: number }> {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = Date.now();
    try {
        const value = await body();
        return { value, elapsedMs: Date.now() - started, lagMs: histogram.max / 1e6 };
    } catch (error) {
        return { error, elapsedMs: Date.now() - started, lagMs: histogram.max / 1e6 };
    } finally {
        histogram.disable();
    }
}

describe("the overall deadline of a call", () => {
    const { emu, client } = useEmulator();
    beforeEach(() => emu().add({ name: DEPLOY_OP }));

    test("cancelAndConfirm with a 3 s deadline ends by it when the server stops answering after the cancel (it took 8 s)", async () => {
        // The first GET and the cancel are answered; every poll after that hangs.
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, ...Array.from({ length: 50 }, () => ({ kind: "hang" as const }))] });
        const c = client({ requestTimeoutMs: 30_000 });
        const run = await timed(() => c.cancelAndConfirm(DEPLOY_OP, { timeoutMs: 3_000 }));
        expect(run.elapsedMs).toBeLessThanOrEqual(3_000 + SCHEDULING_SLACK_MS + run.lagMs);
        // The wait ended at its deadline with the operation last seen running: the cancel was sent.
        expect(run.error).toBeUndefined();
        expect(run.value).toMatchObject({ outcome: "RUNNING", cancelSent: true });
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("cancelAndConfirm with a slow server: the last poll is clipped to the deadline", async () => {
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, ...Array.from({ length: 50 }, () => ({ kind: "delay" as const, ms: 2_500 }))] });
        const run = await timed(() => client({ requestTimeoutMs: 30_000 }).cancelAndConfirm(DEPLOY_OP, { timeoutMs: 2_000 }));
        expect(run.elapsedMs).toBeLessThanOrEqual(2_000 + SCHEDULING_SLACK_MS + run.lagMs);
        expect(run.value?.outcome).toBe("RUNNING");
    });

    test("waitForOperation ends by its deadline when polls hang", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const run = await timed(() => client({ requestTimeoutMs: 30_000 }).waitForOperation(DEPLOY_OP, { timeoutMs: 1_500 }));
        expect(run.elapsedMs).toBeLessThanOrEqual(1_500 + SCHEDULING_SLACK_MS + run.lagMs);
        expect(run.value).toMatchObject({ done: false, notFound: false, polls: 0 });
    });

    test("getOperation: the attempt in flight is abandoned at the call's deadline", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const run = await timed(() => client({ requestTimeoutMs: 30_000 }).getOperation(DEPLOY_OP, { timeoutMs: 1_000 }));
        expect(run.error).toBeInstanceOf(DeadlineExceededError);
        expect((run.error as DeadlineExceededError).callDeadline).toBe(true);
        expect(run.elapsedMs).toBeLessThanOrEqual(1_000 + SCHEDULING_SLACK_MS + run.lagMs);
    });

    test("a wait that ends at its deadline still reads the operation once more before it (no final poll skipped)", async () => {
        const run = await timed(() => client().waitForOperation(DEPLOY_OP, { timeoutMs: 1_000 }));
        expect(run.value?.done).toBe(false);
        expect(run.value?.polls).toBeGreaterThanOrEqual(2);
        expect(run.elapsedMs).toBeLessThanOrEqual(1_000 + SCHEDULING_SLACK_MS + run.lagMs);
    });
});

describe("the overall deadline of a listing", () => {
    const { emu, client } = useEmulator({ maxPageSize: 1 });

    test("listOperations has one deadline for every page, the caller's time between pages included", async () => {
        for (let i = 0; i < 20; i++) emu().add({ name: `projects/my-proj/locations/us-central1/operations/op-${i}` });
        const seen: string[] = [];
        const run = await timed(async () => {
            for await (const op of client().listOperations("projects/my-proj/locations/us-central1", { pageSize: 1, timeoutMs: 600 })) {
                seen.push(op.name);
                await new Promise((r) => setTimeout(r, 100));
            }
        });
        expect(run.error).toBeInstanceOf(DeadlineExceededError);
        expect((run.error as Error).message).toMatch(/the listing's deadline of 600ms passed after \d+ page\(s\)/);
        expect(seen.length).toBeLessThan(20);
    });
});
