/**
 * The sweep engine against the emulator over real HTTP: selection, pagination, partial failure, dry run,
 * deadline, concurrency and the shared 429 backoff.
 */
import { InvalidNameError, InvalidOptionError } from "../../provider/google";
import { projectNumber } from "../../provider/testing";
import { SweepListError, describeSweep, sweepOperations, type SweepEvent } from "../../provider/sweep/index";
import { LOCATION, PARENT, PROJECT, clientFor, many, op, sleep, useEmulator } from "./support/helpers";

const NUMBER = projectNumber(PROJECT);
const pipeline = (id: string, project = NUMBER) => `projects/${project}/locations/${LOCATION}/deliveryPipelines/${id}`;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe("sweepOperations", () => {
    const { emu, url } = useEmulator();

    test("selects by exact target (project id or number), target prefix, verb and age; never touches done or other operations", async () => {
        emu().addMany(
            { name: op("web-old-create"), target: pipeline("web"), verb: "create", createTime: ago(3_600_000) },
            { name: op("web-new-create"), target: pipeline("web"), verb: "create", createTime: ago(1_000) },
            { name: op("web-old-delete"), target: pipeline("web"), verb: "delete", createTime: ago(3_600_000) },
            { name: op("web-canary"), target: pipeline("web-canary"), verb: "create", createTime: ago(3_600_000) },
            { name: op("api-old-create"), target: pipeline("api"), verb: "create", createTime: ago(3_600_000) },
            { name: op("web-done"), target: pipeline("web"), verb: "create", createTime: ago(3_600_000), doneAfterMs: 0 },
        );
        const { client } = clientFor(url());

        const exact = await sweepOperations(client, {
            parent: PARENT,
            // The project id, while the service writes the target with the project number.
            selection: { target: pipeline("web", PROJECT), verbs: ["CREATE"], olderThanMs: 30 * 60_000 },
        });
        expect(exact.items.map((i) => i.name)).toEqual([op("web-old-create")]);
        expect(exact.items[0]).toMatchObject({ outcome: "CANCELLED", cancelSent: true, target: pipeline("web"), verb: "create" });
        expect(exact.counts).toEqual({ listed: 6, matched: 1, cancelled: 1, alreadyDone: 0, ended: 0, running: 0, failed: 0, skipped: 0 });
        expect(emu().get(op("web-old-create"))?.error?.code).toBe(1);
        for (const id of ["web-new-create", "web-old-delete", "web-canary", "api-old-create"]) expect(emu().get(op(id))?.done).toBeUndefined();
        expect(emu().count({ rpc: "cancel" })).toBe(1);
        expect(emu().count({ rpc: "cancel", operation: op("web-done") })).toBe(0);

        const prefix = await sweepOperations(client, { parent: PARENT, selection: { targetPrefix: pipeline("web") } });
        expect(prefix.items.map((i) => i.name).sort()).toEqual([op("web-canary"), op("web-new-create"), op("web-old-delete")]);
        expect(emu().get(op("api-old-create"))?.done).toBeUndefined();

        const rest = await sweepOperations(client, { parent: `//clouddeploy.googleapis.com/${PARENT}` });
        expect(rest.items.map((i) => i.name)).toEqual([op("api-old-create")]);
        expect(describeSweep(rest)).toBe(`${PARENT}: 1 running operation matched of 6 listed: 1 cancelled`);
    });

    test("server-side filter is sent and client-side selection still applies", async () => {
        emu().addMany(
            { name: op("a"), target: pipeline("web"), verb: "create" },
            { name: op("b"), target: pipeline("web"), verb: "update" },
            { name: op("c"), target: pipeline("api"), verb: "create" },
        );
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, selection: { filter: `metadata.target = "${pipeline("web")}"`, verbs: ["update"] } });
        expect(result.counts).toMatchObject({ listed: 2, matched: 1, cancelled: 1 });
        expect(result.items.map((i) => i.name)).toEqual([op("b")]);
        expect(emu().requests.find((r) => r.rpc === "list")?.url).toContain("filter=");
    });

    test("streams pages: 250 operations over 3 pages, each cancelled exactly once", async () => {
        emu().addMany(...many(250, "page"));
        const { client } = clientFor(url());
        const pages: SweepEvent[] = [];
        const result = await sweepOperations(client, { parent: PARENT, pageSize: 100, onEvent: (e) => e.kind === "page" && pages.push(e) });
        expect(pages).toEqual([
            { kind: "page", listed: 100, matched: 100 },
            { kind: "page", listed: 200, matched: 200 },
            { kind: "page", listed: 250, matched: 250 },
        ]);
        expect(result.counts).toMatchObject({ listed: 250, matched: 250, cancelled: 250, failed: 0 });
        expect(new Set(result.items.map((i) => i.name)).size).toBe(250);
        expect(emu().count({ rpc: "list" })).toBe(3);
        expect(emu().count({ rpc: "cancel" })).toBe(250);
        expect(result.requests).toBe(emu().count());
    });

    test("partial failure: 403 and 501 and a 503 that outlasts the retries are recorded; the rest are cancelled", async () => {
        emu().addMany(
            ...many(6, "ok"),
            { name: op("denied-cancel"), denied: ["cancel"] },
            { name: op("denied-get"), denied: ["get"] },
            { name: op("unimplemented"), unimplemented: true },
            { name: op("flaky") },
        );
        emu().injectFault({ match: { rpc: "cancel", operation: op("flaky") }, fault: { kind: "status", code: "UNAVAILABLE" } });
        const { client } = clientFor(url(), { retry: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 } });
        const result = await sweepOperations(client, { parent: PARENT });

        expect(result.counts).toMatchObject({ matched: 10, cancelled: 6, failed: 4 });
        const byName = new Map(result.items.map((i) => [i.name, i]));
        expect(byName.get(op("denied-cancel"))).toMatchObject({ outcome: "ERROR", cancelSent: false, error: { httpStatus: 403, status: "PERMISSION_DENIED" } });
        expect(byName.get(op("denied-cancel"))?.error?.message).toContain("clouddeploy.operations.cancel");
        expect(byName.get(op("denied-get"))).toMatchObject({ outcome: "ERROR", error: { httpStatus: 403, status: "PERMISSION_DENIED" } });
        expect(byName.get(op("unimplemented"))).toMatchObject({ outcome: "UNSUPPORTED", error: { httpStatus: 501, status: "UNIMPLEMENTED" } });
        expect(byName.get(op("flaky"))).toMatchObject({ outcome: "ERROR", error: { httpStatus: 503, status: "UNAVAILABLE" } });
        expect(emu().count({ rpc: "cancel", operation: op("flaky") })).toBe(3);
        for (const name of many(6, "ok").map((o) => o.name)) expect(emu().get(name)?.error?.code).toBe(1);
        expect(emu().get(op("denied-cancel"))?.done).toBeUndefined();
    });

    test("dryRun sends list requests only", async () => {
        emu().addMany(...many(120, "dry"));
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, dryRun: true, pageSize: 50 });
        expect(result).toMatchObject({ dryRun: true, counts: { listed: 120, matched: 120, skipped: 120, cancelled: 0 } });
        expect(result.items.every((i) => i.outcome === "SKIPPED" && !i.cancelSent)).toBe(true);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        expect(emu().count({ rpc: "get" })).toBe(0);
        expect(emu().count()).toBe(emu().count({ rpc: "list" }));
        expect(emu().count({ rpc: "list" })).toBe(3);
        expect(describeSweep(result)).toContain("dry run");
    });

    test("maxConcurrency bounds the requests in flight at the emulator", async () => {
        emu().addMany(...many(24, "conc"));
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "delay", ms: 40 } });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "delay", ms: 40 } });
        const { client } = clientFor(url());
        let maxInFlight = 0;
        const sampler = setInterval(() => {
            const inFlight = emu().requests.filter((r) => r.rpc !== "list" && r.status === undefined).length;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }, 3);
        const result = await sweepOperations(client, { parent: PARENT, maxConcurrency: 3 }).finally(() => clearInterval(sampler));
        expect(result.counts.cancelled).toBe(24);
        expect(maxInFlight).toBe(3);
    });

    test("a 429 storm closes one gate for the whole sweep: no request starts while it is closed, and the count stays bounded", async () => {
        emu().addMany(...many(16, "storm"));
        const STORM_MS = 600;
        const RETRY_MS = 300;
        // The first reads answer 25 ms apart, so the workers reach their cancels one after another.
        many(8, "storm").forEach((o, i) => emu().injectFault({ match: { rpc: "get", operation: o.name }, sequence: [{ kind: "delay", ms: 25 * i }] }));
        // For 600 ms every cancel gets 429 with RetryInfo 0.3s: only a gate shared by every worker keeps
        // the other workers' requests from arriving while it is closed.
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryDelay: `${RETRY_MS / 1000}s` } });
        const stormStart = Date.now();
        // Cleared however the sweep ends, so it never fires into the next test's emulator.
        const stormTimer = setTimeout(() => emu().clearFaults(), STORM_MS);
        const throttled: SweepEvent[] = [];
        const { client, backoff } = clientFor(url(), { retry: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 8 } });
        const result = await sweepOperations(client, { parent: PARENT, maxConcurrency: 8, backoff, onEvent: (e) => e.kind === "throttled" && throttled.push(e) }).finally(() =>
            clearTimeout(stormTimer),
        );

        expect(result.counts).toMatchObject({ matched: 16, cancelled: 16, failed: 0 });
        const log = emu().requests;
        const exhausted = log.filter((r) => r.fault === "status");
        expect(exhausted.length).toBeGreaterThan(0);
        // Waves: at most one per gate period, each at most maxConcurrency (+1 list) requests.
        const waves = Math.ceil(STORM_MS / RETRY_MS) + 1;
        expect(exhausted.length).toBeLessThanOrEqual(waves * 9);
        // After the first 429 is answered, no request arrives until the gate reopens (300 ms).
        const first = exhausted[0].at;
        const duringGate = log.filter((r) => r.at > first + 40 && r.at < first + RETRY_MS - 40);
        expect(duringGate).toEqual([]);
        expect(log.filter((r) => r.fault !== "status").length).toBe(16 * 3 + 1);
        expect(throttled.length).toBeGreaterThan(0);
        expect(Date.now() - stormStart).toBeGreaterThanOrEqual(STORM_MS);
    });

    test("the overall deadline: operations that ignore the cancel are recorded RUNNING when it passes", async () => {
        emu().addMany(...many(3, "stubborn", { cancel: "ignore" }), ...many(2, "quick"));
        const { client } = clientFor(url());
        const started = Date.now();
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 400 });
        expect(Date.now() - started).toBeLessThan(3_000);
        expect(result.counts).toMatchObject({ matched: 5, cancelled: 2, running: 3, failed: 0 });
        expect(result.items.filter((i) => i.outcome === "RUNNING").every((i) => i.cancelSent)).toBe(true);
    });

    test("a listing ended by the sweep's deadline is a stop, not a list failure, even when the timer fires before Date.now() reaches it", async () => {
        // Timers run on the monotonic clock and Date.now() on the wall clock: a timer can fire while Date.now()
        // still reads a millisecond short of the deadline (seen in CI). The skew is made large and certain here.
        emu().addMany(...many(2, "lagging"));
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "hang" } });
        // Retries wait at least 500 ms, more than the 100 ms the clock lags: the timed-out page is not retried.
        const { client } = clientFor(url(), { retry: { initialDelayMs: 1_000, maxDelayMs: 1_000 } });
        const realNow = Date.now;
        const lag = setTimeout(() => {
            Date.now = () => realNow() - 100;
        }, 100);
        try {
            const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 400 });
            expect(result).toMatchObject({ complete: false, stoppedBy: "deadline" });
            expect(result.counts).toMatchObject({ listed: 0, matched: 0 });
        } finally {
            clearTimeout(lag);
            Date.now = realNow;
        }
    });

    test("wait: false confirms with one read and goes on", async () => {
        emu().addMany(...many(4, "slow", { cancelTakesMs: 5_000 }));
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, wait: false });
        expect(result.counts).toMatchObject({ matched: 4, running: 4, failed: 0 });
        expect(emu().count({ rpc: "get" })).toBe(8);
    });

    test("a ListOperations failure on page 2 throws SweepListError carrying what page 1 did", async () => {
        emu().addMany(...many(15, "lst"));
        emu().injectFault({ match: { rpc: "list" }, sequence: [{ kind: "none" }, { kind: "status", code: "PERMISSION_DENIED" }] });
        const { client } = clientFor(url());
        const err = (await sweepOperations(client, { parent: PARENT, pageSize: 10 }).catch((e: unknown) => e)) as SweepListError;
        expect(err).toBeInstanceOf(SweepListError);
        expect(err.message).toMatch(/ListOperations failed after 1 page\(s\).*403 PERMISSION_DENIED/);
        expect(err.partial.counts).toMatchObject({ listed: 10, matched: 10, cancelled: 10 });
        expect(err.partial.complete).toBe(false);
    });

    test("bad options are refused before any request, naming the field", async () => {
        const { client } = clientFor(url());
        await expect(sweepOperations(client, { parent: PARENT, maxConcurrency: 0 })).rejects.toThrow(InvalidOptionError);
        await expect(sweepOperations(client, { parent: PARENT, maxConcurrency: 0 })).rejects.toThrow(/maxConcurrency must be an integer from 1 to 64/);
        await expect(sweepOperations(client, { parent: "projects/x" })).rejects.toThrow(InvalidNameError);
        await expect(sweepOperations(client, { parent: PARENT, selection: { verbs: [] } })).rejects.toThrow(/verbs must be a non-empty list/);
        await expect(sweepOperations(client, { parent: PARENT, selection: { target: "" } })).rejects.toThrow(/target must be a non-empty string/);
        await sleep(10);
        expect(emu().count()).toBe(0);
    });
});
