/**
 * Mutants of the sweep engine that survived `npm run mutate` (docs/mutation.md), against the emulator:
 * items kept with `retainItems: "unresolved"`, operations whose cancel was already requested, the request
 * count of a second sweep on one client, a cancel answered 404, what a failure after the cancel was sent
 * (or refused) records, and a sweep stopped between pages.
 */
import { GoogleApiError, OperationsClient } from "../../provider/google";
import { SweepListError, sweepOperations, sweepProgressReporter, type SweepEvent } from "../../provider/sweep/index";
import { answerJson, hostileServer } from "../hostile/server";
import { PARENT, TOKEN, clientFor, many, op, useEmulator } from "./support/helpers";

describe("sweep engine details", () => {
    const { emu, url } = useEmulator();

    test('retainItems "unresolved" keeps only the still-running and failed items; the counts cover all', async () => {
        emu().addMany(
            { name: op("cancels") },
            { name: op("ignores"), cancel: "ignore" },
            { name: op("unsupported"), unimplemented: true },
        );
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, retainItems: "unresolved", wait: false });
        expect(result.items.map((i) => `${i.name.replace(/.*\//, "")} ${i.outcome}`).sort()).toEqual(["ignores RUNNING", "unsupported UNSUPPORTED"]);
        expect(result.counts).toMatchObject({ listed: 3, matched: 3, cancelled: 1, running: 1, failed: 1 });
    });

    test("an operation whose cancel was already requested is waited for, not cancelled again", async () => {
        emu().addMany({ name: op("asked"), doneAfterMs: 150 }, { name: op("fresh") });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, alreadyRequested: new Set([op("asked")]) });
        expect(emu().count({ rpc: "cancel", operation: op("asked") })).toBe(0);
        expect(emu().count({ rpc: "cancel", operation: op("fresh") })).toBe(1);
        expect(result.items.find((i) => i.name === op("asked"))).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false, cancel: "not-sent" });
    });

    test("a cancel cut by a network error is a failure with its message and no Google status (neither DEADLINE_EXCEEDED nor ABORTED)", async () => {
        emu().add({ name: op("reset") });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "reset" } });
        const { client } = clientFor(url(), { retry: { maxAttempts: 1 } });
        const result = await sweepOperations(client, { parent: PARENT });
        const item = result.items.find((i) => i.name === op("reset"));
        expect(item).toMatchObject({ outcome: "ERROR" });
        expect(item?.error?.message).toMatch(/could not reach/);
        expect(item?.error).not.toHaveProperty("status");
        expect(item?.error).not.toHaveProperty("httpStatus");
        expect(result.counts).toMatchObject({ failed: 1 });
    });

    test("a second sweep on the same client counts only its own requests", async () => {
        emu().addMany(...many(3, "first"));
        const { client } = clientFor(url());
        const first = await sweepOperations(client, { parent: PARENT });
        expect(first.requests).toBe(emu().count());
        emu().resetLog();
        const second = await sweepOperations(client, { parent: PARENT, dryRun: true });
        expect(second.requests).toBe(1);
        expect(emu().count()).toBe(1);
        expect(second.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(second.elapsedMs).toBeLessThan(60_000);
    });

    test("a cancel answered 404 is NOT_FOUND with the status recorded; a cancel refused 403 was not sent; a failure after an accepted cancel leaves it sent", async () => {
        emu().addMany({ name: op("gone") }, { name: op("refused") }, { name: op("lost-after") });
        emu().injectFault({ match: { rpc: "cancel", operation: op("gone") }, fault: { kind: "status", code: "NOT_FOUND" } });
        emu().injectFault({ match: { rpc: "cancel", operation: op("refused") }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        // The read before the cancel goes through; the reads after it are refused.
        emu().injectFault({ match: { rpc: "get", operation: op("lost-after") }, sequence: [{ kind: "none" }, ...Array.from({ length: 5 }, () => ({ kind: "status" as const, code: "PERMISSION_DENIED" as const }))] });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT });
        const item = (id: string) => result.items.find((i) => i.name === op(id));
        expect(item("gone")).toMatchObject({ outcome: "NOT_FOUND", cancelSent: false, cancel: "not-sent", error: { httpStatus: 404, status: "NOT_FOUND" } });
        expect(item("refused")).toMatchObject({ cancelSent: false, cancel: "not-sent", error: { httpStatus: 403, status: "PERMISSION_DENIED" } });
        expect(emu().count({ rpc: "cancel", operation: op("lost-after") })).toBe(1);
        expect(item("lost-after")).toMatchObject({ outcome: "ERROR", cancelSent: true, cancel: "sent", error: { httpStatus: 403, status: "PERMISSION_DENIED" } });
    });

    test("stopped between pages (signal): the sweep says it is incomplete and reads no further page", async () => {
        emu().addMany(...many(5, "paged"));
        const { client } = clientFor(url());
        const abort = new AbortController();
        const result = await sweepOperations(client, {
            parent: PARENT,
            dryRun: true,
            pageSize: 2,
            signal: abort.signal,
            onEvent: (event) => {
                if (event.kind === "page") abort.abort();
            },
        });
        expect(result).toMatchObject({ complete: false, stoppedBy: "signal", counts: { listed: 2, matched: 2, skipped: 2 } });
        expect(emu().count({ rpc: "list" })).toBe(1);
    });
    test("a first page refused: SweepListError with its code, its cause and the message of a listing that never started", async () => {
        emu().add({ name: op("never-listed") });
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const { client } = clientFor(url());
        const err = (await sweepOperations(client, { parent: PARENT }).catch((e: unknown) => e)) as SweepListError;
        expect(err).toBeInstanceOf(SweepListError);
        expect(err.code).toBe("ERR_SWEEP_LIST");
        expect(err.cause).toBeInstanceOf(GoogleApiError);
        expect(err.message.startsWith(`sweep of ${PARENT} could not list operations: `)).toBe(true);
        expect(err.partial.counts).toMatchObject({ listed: 0, matched: 0 });
    });

    test("an operation that failed on its own counts as finished, not as a failure", async () => {
        // Running when listed; failed by the time the sweep reads it (the read is held back).
        emu().add({ name: op("failed-alone"), doneAfterMs: 100, result: { error: { code: "INTERNAL", message: "boom" } } });
        emu().injectFault({ match: { rpc: "get", operation: op("failed-alone") }, fault: { kind: "delay", ms: 250 }, times: 1 });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT });
        expect(result.items.map((i) => i.outcome)).toEqual(["FAILED"]);
        expect(result.counts).toMatchObject({ listed: 1, matched: 1, alreadyDone: 1, failed: 0 });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("each item carries its operation's target, verb and createTime (strings only), and item events count up to the total", async () => {
        const created = new Date(Date.now() - 60_000).toISOString();
        emu().addMany({ name: op("with-meta"), target: "projects/p/locations/l/deliveryPipelines/web", verb: "create", createTime: created }, { name: op("plain") });
        const { client } = clientFor(url());
        const events: SweepEvent[] = [];
        const result = await sweepOperations(client, { parent: PARENT, onEvent: (e) => events.push(e) });
        const withMeta = result.items.find((i) => i.name === op("with-meta"));
        expect(withMeta).toMatchObject({ target: "projects/p/locations/l/deliveryPipelines/web", verb: "create", createTime: created });
        const items = events.flatMap((e) => (e.kind === "item" ? [e] : []));
        expect(items.map((e) => e.completed)).toEqual([1, 2]);
        expect(items.every((e) => e.matched === 2)).toBe(true);
    });
});

describe("a list page that repeats an operation", () => {
    test("the repeat is counted as listed but handled once", async () => {
        const name = op("twice");
        let cancelled = false;
        const server = await hostileServer((socket, request) => {
            const path = request.target.split("?")[0];
            if (path === `/v1/${PARENT}/operations`) return answerJson(socket, 200, { operations: [{ name }, { name }] });
            if (request.method === "POST") {
                cancelled = true;
                return answerJson(socket, 200, {});
            }
            answerJson(socket, 200, cancelled ? { name, done: true, error: { code: 1, message: "cancelled" } } : { name });
        });
        try {
            const client = new OperationsClient({ service: "clouddeploy", endpoint: server.url, credentials: { accessToken: TOKEN } });
            const result = await sweepOperations(client, { parent: PARENT });
            expect(result.counts).toMatchObject({ listed: 2, matched: 1, cancelled: 1 });
            expect(result.items.map((i) => i.name)).toEqual([name]);
            expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(1);
        } finally {
            await server.close();
        }
    });
});

describe("the progress reporter", () => {
    test("writes to console.log when no sink is given", () => {
        const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            const report = sweepProgressReporter("sweep", PARENT);
            report({ kind: "throttled", delayMs: 2_000 });
            expect(log).toHaveBeenCalledTimes(1);
            expect(String(log.mock.calls[0][0])).toContain("the API asked to slow down (429)");
        } finally {
            log.mockRestore();
        }
    });
});

describe("sweep engine: deadline and abort in the middle of a call", () => {
    afterEach(() => jest.restoreAllMocks());
    const { emu, url } = useEmulator();

    test("a cancel cut by the sweep's deadline is an ERROR with status DEADLINE_EXCEEDED; the POST was written, so its delivery is unknown", async () => {
        emu().addMany({ name: op("unanswered") });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "hang" } });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 500 });
        expect(result.items).toHaveLength(1);
        expect(result.items[0]).toMatchObject({ outcome: "ERROR", cancelSent: false, cancel: "unknown", error: { status: "DEADLINE_EXCEEDED" } });
        expect(result.counts).toMatchObject({ matched: 1, failed: 1 });
        expect(result).toMatchObject({ complete: true, stoppedBy: "deadline" });
        expect(emu().count({ rpc: "cancel" })).toBeGreaterThanOrEqual(1);
    });

    test("an abort during a cancel ends it at once: ERROR with status ABORTED, delivery unknown, the sweep stopped by the signal", async () => {
        emu().addMany({ name: op("aborted") });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "hang" } });
        const { client } = clientFor(url());
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 300);
        const started = Date.now();
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 30_000, signal: controller.signal }).finally(() => clearTimeout(timer));
        // Without the signal handed to the cancel, it would run to the request's own timeout.
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(result.items[0]).toMatchObject({ outcome: "ERROR", cancel: "unknown", error: { status: "ABORTED" } });
        expect(result).toMatchObject({ stoppedBy: "signal" });
    });

    test("an abort during the listing ends the sweep at once with a SweepListError that says it was aborted", async () => {
        emu().addMany({ name: op("never-listed") });
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "hang" } });
        const { client } = clientFor(url());
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 300);
        const started = Date.now();
        const err = await sweepOperations(client, { parent: PARENT, timeoutMs: 30_000, signal: controller.signal })
            .finally(() => clearTimeout(timer))
            .catch((e: unknown) => e);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(err).toBeInstanceOf(SweepListError);
        expect((err as SweepListError).message).toMatch(/could not list operations: .*aborted/);
        expect((err as SweepListError).partial).toMatchObject({ complete: false, stoppedBy: "signal" });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a match reached after the deadline is left RUNNING without a request; a listing that was whole stays complete", async () => {
        // One slot: the first operation ignores its cancel and holds the slot until the deadline.
        emu().addMany({ name: op("a-first"), cancel: "ignore" }, { name: op("b-second") });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 500, maxConcurrency: 1 });
        const byName = Object.fromEntries(result.items.map((i) => [i.name, i]));
        expect(byName[op("a-first")]).toMatchObject({ outcome: "RUNNING", cancelSent: true, cancel: "sent" });
        expect(byName[op("b-second")]).toMatchObject({ outcome: "RUNNING", cancelSent: false, cancel: "not-sent" });
        expect(emu().count({ rpc: "cancel", operation: op("b-second") })).toBe(0);
        expect(emu().count({ rpc: "get", operation: op("b-second") })).toBe(0);
        expect(result).toMatchObject({ complete: true, stoppedBy: "deadline" });
    });

    test("an operation that vanishes after its cancel was accepted is NOT_FOUND, sent, with the 404 recorded", async () => {
        emu().addMany({ name: op("vanishes"), cancel: "ignore" });
        // The first read finds it running; every read after the cancel finds it gone.
        emu().injectFault({ match: { rpc: "get", operation: op("vanishes") }, sequence: [{ kind: "none" }, ...Array.from({ length: 50 }, () => ({ kind: "status" as const, code: "NOT_FOUND" as const }))] });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 5_000 });
        expect(result.items).toHaveLength(1);
        expect(result.items[0]).toMatchObject({ outcome: "NOT_FOUND", cancelSent: true, cancel: "sent", error: { httpStatus: 404, status: "NOT_FOUND" } });
        expect(result.items[0].error?.message).toMatch(/vanishes/);
    });

    test("one 429 that closes the client's gate for a second is one throttled event, not one per watch tick", async () => {
        emu().addMany({ name: op("throttled") });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryDelay: "1s" }, times: 1 });
        const { client, backoff } = clientFor(url());
        const events: SweepEvent[] = [];
        const result = await sweepOperations(client, { parent: PARENT, backoff, onEvent: (e) => e.kind === "throttled" && events.push(e) });
        expect(result.counts).toMatchObject({ matched: 1, cancelled: 1 });
        expect(events).toHaveLength(1);
        const [event] = events as Array<Extract<SweepEvent, { kind: "throttled" }>>;
        expect(event.delayMs).toBeGreaterThan(0);
        expect(event.delayMs).toBeLessThanOrEqual(1_000);
    });

    test("within 50 ms of its deadline a sweep starts no cancel: a match is left RUNNING, not sent", async () => {
        emu().addMany({ name: op("no-time") });
        const { client } = clientFor(url());
        // A warm connection, then a page that arrives about 100 ms in, with 45 ms left: inside the margin.
        await client.getOperation(op("no-time"));
        emu().resetLog();
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "delay", ms: 100 } });
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 145 });
        expect(result.counts).toMatchObject({ listed: 1, matched: 1, running: 1 });
        expect(result.items).toEqual([expect.objectContaining({ name: op("no-time"), outcome: "RUNNING", cancel: "not-sent" })]);
        expect(result.stoppedBy).toBe("deadline");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("a deadline that passes on a page with a next page leaves the sweep incomplete", async () => {
        emu().addMany({ name: op("a-first"), cancel: "ignore" }, { name: op("b-second") }, { name: op("c-third") });
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 500, maxConcurrency: 1, pageSize: 2 });
        expect(result).toMatchObject({ complete: false, stoppedBy: "deadline" });
        expect(result.items.map((i) => i.name)).not.toContain(op("c-third"));
    });

    test("a client gate that never closes reports no throttled event, however long the sweep", async () => {
        emu().addMany({ name: op("slow") });
        // Long enough for the watcher to look at the gate three times (every 200 ms), open each time.
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "delay", ms: 700 } });
        const { client, backoff } = clientFor(url());
        const events: SweepEvent[] = [];
        const result = await sweepOperations(client, { parent: PARENT, backoff, onEvent: (e) => e.kind === "throttled" && events.push(e) });
        expect(result.counts).toMatchObject({ matched: 1, cancelled: 1 });
        expect(result.elapsedMs).toBeGreaterThanOrEqual(600);
        expect(events).toEqual([]);
    });

    test("a listing refused after the sweep's deadline passed is a list failure with its status, not a stop by the deadline", async () => {
        emu().addMany({ name: op("behind-a-403") });
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const { client } = clientFor(url());
        // The clock jumps past the sweep's deadline while the list call is in flight: the 403 then arrives
        // after the deadline, but it is the answer (no timer ended the listing), so the sweep must report it.
        const realNow = Date.now.bind(Date);
        let skew = 0;
        const clock = jest.spyOn(Date, "now").mockImplementation(() => realNow() + skew);
        try {
            const sweep = sweepOperations(client, { parent: PARENT, timeoutMs: 30_000 });
            skew = 60_000;
            const err = await sweep.then(
                () => undefined,
                (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(SweepListError);
            expect((err as SweepListError).message).toMatch(/could not list operations: .*PERMISSION_DENIED/);
            expect((err as SweepListError).partial).toMatchObject({ complete: false, stoppedBy: "deadline" });
        } finally {
            clock.mockRestore();
        }
        expect(emu().count({ rpc: "list" })).toBe(1);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });
});
