/**
 * The wait loop of `waitForOperation` on each of its ways out, against the emulator (mutants that survived
 * the mutation run, docs/mutation.md): a wait of no time sends nothing; an operation gone while waited on;
 * the last poll kept before the deadline and the deadline kept; progress reported when the metadata
 * changes and only then; a finished operation reported done; the elapsed time of every answer true to the clock.
 */
import { InvalidOptionError, OperationsClient, type WaitProgress, type WaitResult } from "../../provider/google";
import { rejectionOf } from "../support/outcome";
import { DEPLOY_OP, TOKEN, expectElapsedWithin, timed, useEmulator } from "./support";

/** A poll schedule with no jitter, so the times of the polls are known. */
const steady = (delayMs: number) => ({ poll: { initialDelayMs: delayMs, maxDelayMs: delayMs, multiplier: 1, jitter: 0 } });

describe("waitForOperation's loop", () => {
    const { emu, client } = useEmulator();

    test("a timeoutMs that is not a non-negative number is refused, naming the option, before any request", async () => {
        emu().add({ name: DEPLOY_OP });
        for (const bad of ["5", -1, Number.NaN]) {
            const err = await rejectionOf(client().waitForOperation(DEPLOY_OP, { timeoutMs: bad as number }));
            expect(err).toBeInstanceOf(InvalidOptionError);
            expect((err as InvalidOptionError).field).toBe("timeoutMs");
            expect((err as Error).message).toBe("timeoutMs must be a non-negative number of milliseconds");
        }
        expect(emu().count()).toBe(0);
    });

    test("a wait of no time polls nothing and reports the operation as last known: not done, not gone", async () => {
        emu().add({ name: DEPLOY_OP });
        const { value, measuredMs } = await timed(() => client().waitForOperation(DEPLOY_OP, { timeoutMs: 0 }));
        expect(value).toMatchObject({ done: false, notFound: false, polls: 0, operation: { name: DEPLOY_OP } });
        expect(value.operation.done).toBeUndefined();
        expectElapsedWithin(value.elapsedMs, measuredMs);
        expect(emu().count()).toBe(0);
    });

    test("an operation that is gone while waited on ends the wait as not found, with the poll that found it gone", async () => {
        emu().add({ name: DEPLOY_OP });
        const seen: number[] = [];
        const { value, measuredMs } = await timed(() =>
            client(steady(50)).waitForOperation(DEPLOY_OP, {
                timeoutMs: 10_000,
                onPoll: (p) => {
                    seen.push(p.polls);
                    if (p.polls === 2) emu().remove(DEPLOY_OP);
                },
            }),
        );
        expect(seen).toEqual([1, 2]);
        expect(value).toMatchObject({ done: false, notFound: true, polls: 3 });
        expect(value.operation.name).toBe(DEPLOY_OP);
        expectElapsedWithin(value.elapsedMs, measuredMs);
        expect(emu().count({ rpc: "get" })).toBe(3);
    });

    test("a finished operation ends the wait as done, with its final state", async () => {
        emu().add({ name: DEPLOY_OP });
        // It finishes once the first poll has seen it running (not on a timer, which a loaded machine could outrun).
        const finishAfterFirstPoll = (p: { polls: number }) => {
            if (p.polls !== 1) return;
            emu().remove(DEPLOY_OP);
            emu().add({ name: DEPLOY_OP, doneAfterMs: 0 });
        };
        const { value, measuredMs } = await timed(() => client(steady(50)).waitForOperation(DEPLOY_OP, { timeoutMs: 10_000, onPoll: finishAfterFirstPoll }));
        expect(value.done).toBe(true);
        expect(value.notFound).toBe(false);
        expect(value.operation.done).toBe(true);
        expect(value.polls).toBe(emu().count({ rpc: "get" }));
        expect(value.polls).toBe(2);
        expectElapsedWithin(value.elapsedMs, measuredMs);
        expect(value.elapsedMs).toBeGreaterThanOrEqual(50);
    });

    // Polls every 2 s, a 3 s wait: the reserve before the deadline is 750 ms (a quarter of the wait). The first
    // poll is at 0 and the second at 2 s; the next delay is cut to 250 ms so that a last poll is made by 2.25 s,
    // and the wait then lasts out its time with that state. A loop that slept its full delay would poll at
    // 4 s, past the deadline; one that did not keep the reserve would poll without pause until the deadline.
    test("the last poll is made before the deadline, and the wait ends at its deadline, not before or long after", async () => {
        emu().add({ name: DEPLOY_OP });
        const polledAt: number[] = [];
        const started = Date.now();
        const { value, measuredMs } = await timed(() =>
            client(steady(2_000)).waitForOperation(DEPLOY_OP, { timeoutMs: 3_000, onPoll: () => polledAt.push(Date.now() - started) }),
        );
        expect(value).toMatchObject({ done: false, notFound: false });
        expect(value.polls).toBe(emu().count({ rpc: "get" }));
        expect(value.polls).toBe(polledAt.length);
        // Three polls when the machine keeps time; two if a slow answer left no room for the third.
        expect(value.polls).toBeGreaterThanOrEqual(2);
        expect(value.polls).toBeLessThanOrEqual(3);
        expect(polledAt[polledAt.length - 1]).toBeLessThan(3_000);
        expect(value.elapsedMs).toBeGreaterThanOrEqual(2_990);
        // A loop that slept past the reserve ends at 3.75 s or later (at 4 s if it slept its full delay).
        expect(value.elapsedMs).toBeLessThan(3_650);
        expectElapsedWithin(value.elapsedMs, measuredMs);
    });

    test("progress is reported after the first poll and after each change of metadata, every poll is reported to onPoll", async () => {
        emu().add({ name: DEPLOY_OP, cancel: "ignore", metadata: { statusMessage: "Rolling out" } });
        const other = new OperationsClient({ service: "clouddeploy", endpoint: emu().url, credentials: { accessToken: TOKEN } });
        const progress: WaitProgress[] = [];
        const polls: WaitProgress[] = [];
        let cancelled: Promise<void> | undefined;
        const { value, measuredMs } = await timed(() =>
            client(steady(60)).waitForOperation(DEPLOY_OP, {
                timeoutMs: 1_500,
                onProgress: (p) => progress.push(p),
                onPoll: (p) => {
                    polls.push(p);
                    // Someone else's cancel (ignored by the server) changes the metadata: requestedCancellation.
                    if (p.polls === 3) cancelled = other.cancelOperation(DEPLOY_OP);
                },
            }),
        );
        await cancelled;
        expect(value.done).toBe(false);
        expect(polls.map((p) => p.polls)).toEqual(Array.from({ length: value.polls }, (_, i) => i + 1));
        expect(value.polls).toBeGreaterThanOrEqual(6);
        expect(progress).toHaveLength(2);
        expect(progress[0]?.polls).toBe(1);
        expect(progress[0]?.operation.metadata?.requestedCancellation).toBeUndefined();
        expect(progress[1]?.polls).toBeGreaterThan(3);
        expect(progress[1]?.operation.metadata?.requestedCancellation).toBe(true);
        for (const p of [...progress, ...polls]) {
            expect(p.name).toBe(DEPLOY_OP);
            expect(p.statusMessage).toBe("Rolling out");
            expectElapsedWithin(p.elapsedMs, measuredMs);
        }
        // The elapsed time grows poll by poll.
        for (let i = 1; i < polls.length; i++) expect(polls[i]!.elapsedMs).toBeGreaterThanOrEqual(polls[i - 1]!.elapsedMs);
    });

    test("a poll whose answer shows the operation done is reported as progress even when the metadata is unchanged", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 0 });
        const progress: WaitProgress[] = [];
        const result: WaitResult = await client(steady(50)).waitForOperation(DEPLOY_OP, { timeoutMs: 5_000, onProgress: (p) => progress.push(p) });
        expect(result).toMatchObject({ done: true, polls: 1 });
        expect(progress).toHaveLength(1);
        expect(progress[0]?.operation.done).toBe(true);
    });

    test("a wait cut short by its deadline while a poll hangs reports the poll before it, in its own time", async () => {
        emu().add({ name: DEPLOY_OP });
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, ...Array.from({ length: 20 }, () => ({ kind: "hang" as const }))] });
        const { value, measuredMs } = await timed(() => client(steady(50)).waitForOperation(DEPLOY_OP, { timeoutMs: 1_200 }));
        expect(value).toMatchObject({ done: false, notFound: false, polls: 1 });
        expectElapsedWithin(value.elapsedMs, measuredMs);
        expect(value.elapsedMs).toBeGreaterThanOrEqual(1_000);
    });
});
