/**
 * OperationSweep through the real Pulumi engine, including destroy-time sweeps ordered by `dependsOn`.
 */
import { describeRealEngine } from "../support/pulumiCli";
import { writeSpec, type ResourceSpec } from "./specProgram";
import { useRealEngineStack } from "./stackPerTest";

const TYPE = ":OperationSweep";
const PARENT = "projects/my-proj/locations/us-west1";
const CLUSTER = "projects/123456789012/locations/us-west1/awsClusters/prod-east";
const op = (id: string): string => `${PARENT}/operations/${id}`;

describeRealEngine("OperationSweep", (cli) => {
    const ctx = useRealEngineStack(cli, (emu) =>
        emu.addMany(
            { name: op("ours-1"), service: "gkemulticloud", target: CLUSTER, cancelTakesMs: 200 },
            { name: op("ours-2"), service: "gkemulticloud", target: `${CLUSTER}/nodePools/pool-1`, cancelTakesMs: 200 },
            { name: op("other"), service: "gkemulticloud", target: "projects/123456789012/locations/us-west1/awsClusters/staging" },
            { name: op("finished"), service: "gkemulticloud", target: CLUSTER, doneAfterMs: 0 },
            { name: op("cluster-marker"), service: "gkemulticloud", target: "marker", doneAfterMs: 0 },
        ),
    );

    const sweep = (name: string, extra: Record<string, unknown> = {}, dependsOn?: string[]): ResourceSpec => ({
        kind: "sweep",
        name,
        args: { parent: PARENT, service: "gkemulticloud", endpoint: ctx.url, targetPrefix: CLUSTER, timeout: "30s", ...extra },
        ...(dependsOn ? { dependsOn } : {}),
    });

    const newStack = (spec: ResourceSpec[]) => ctx.newStack(spec);

    test("up cancels the selected running operations only; a second up and a preview send nothing", async () => {
        const s = await newStack([sweep("drain")]);
        expect((await s.up()).code).toBe(0);
        const state = await s.resource(TYPE, "drain");
        expect(state.outputs).toMatchObject({
            matched: [op("ours-1"), op("ours-2")],
            cancelled: [op("ours-1"), op("ours-2")],
            failures: [],
            counts: expect.objectContaining({ matched: 2, cancelled: 2, failed: 0 }),
        });
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(2);
        expect(ctx.emu.count({ rpc: "cancel", operation: op("other") })).toBe(0);

        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(await s.lastChanges()).toEqual({ same: 2 });
        expect((await s.preview()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
    });

    test("dry run lists and selects only; turning it off sweeps on the next up", async () => {
        const s = await newStack([sweep("look", { dryRun: true })]);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(0);
        expect((await s.resource(TYPE, "look")).outputs).toMatchObject({ matched: [op("ours-1"), op("ours-2")], cancelled: [] });

        writeSpec(s, [sweep("look")]);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(2);
    });

    test("destroy with cancelOn: delete sweeps before the resource it protects is deleted (dependsOn)", async () => {
        const s = await newStack([
            { kind: "marker", name: "cluster", args: { name: "cluster", url: `${ctx.url}/v1/${op("cluster-marker")}` } },
            sweep("drain-cluster-ops", { cancelOn: "delete" }, ["cluster"]),
        ]);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(0);
        expect(ctx.emu.count({ rpc: "list" })).toBe(0);

        expect((await s.destroy()).code).toBe(0);
        const log = ctx.emu.requests;
        const markerAt = log.find((r) => r.rpc === "get" && r.operation === op("cluster-marker"))?.seq;
        const cancels = log.filter((r) => r.rpc === "cancel");
        expect(markerAt).toBeGreaterThan(0);
        expect(cancels.map((r) => r.operation).sort()).toEqual([op("ours-1"), op("ours-2")]);
        expect(Math.max(...cancels.map((r) => r.seq))).toBeLessThan(markerAt!);
        expect(ctx.emu.get(op("ours-1"))).toMatchObject({ done: true, error: { code: 1 } });
        expect(await s.resources(TYPE)).toEqual([]);
    });

    test("cancels accepted but never confirmed (the server stops answering): the next up sends no second cancel", async () => {
        // Still running when the next up lists them, so that up selects them again.
        for (const id of ["ours-1", "ours-2"]) ctx.emu.remove(op(id));
        // requestedCancellation pinned to false: a service whose operations never show the cancel, so only
        // the resource's own record (cancelRequested) can prevent a second one.
        const pinned = { requestedCancellation: false };
        ctx.emu.add({ name: op("ours-1"), service: "gkemulticloud", target: CLUSTER, cancelTakesMs: 20_000, metadata: pinned });
        ctx.emu.add({ name: op("ours-2"), service: "gkemulticloud", target: CLUSTER, cancelTakesMs: 20_000, metadata: pinned });
        for (const id of ["ours-1", "ours-2"]) {
            // The GET before the cancel answers; every GET after it fails.
            ctx.emu.injectFault({ match: { rpc: "get", operation: op(id) }, sequence: [{ kind: "none" }] });
            ctx.emu.injectFault({ match: { rpc: "get", operation: op(id) }, fault: { kind: "status", code: "UNAVAILABLE" } });
        }
        const s = await newStack([sweep("drain", { timeout: "40s" })]);
        const first = await s.up();
        expect(first.code).not.toBe(0);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(2);
        expect(ctx.emu.get(op("ours-1"))?.done ?? false).toBe(false); // running: Google omits `done` until it is true
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ cancelRequested: [op("ours-1"), op("ours-2")] });

        ctx.emu.clearFaults();
        const listsBefore = ctx.emu.count({ rpc: "list" });
        const second = await s.up();
        expect(second.code).toBe(0);
        expect(ctx.emu.count({ rpc: "list" })).toBeGreaterThan(listsBefore);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(2);
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ failures: [], cancelled: [op("ours-1"), op("ours-2")] });
    });

    test("a failure fails the up by default and is recorded; ifFailures: ignore records it and succeeds", async () => {
        ctx.emu.remove(op("ours-2"));
        ctx.emu.add({ name: op("ours-2"), service: "gkemulticloud", target: CLUSTER, denied: ["cancel"] });
        const s = await newStack([sweep("drain")]);
        const failed = await s.up();
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toMatch(/1 of 2 matched operations failed/);
        expect(failed.stdout).toContain("gkemulticloud.operations.cancel");
        const partial = await s.resource(TYPE, "drain");
        expect(partial.outputs).toMatchObject({
            cancelled: [op("ours-1")],
            failures: [expect.objectContaining({ name: op("ours-2"), httpStatus: 403, status: "PERMISSION_DENIED" })],
        });

        writeSpec(s, [sweep("drain", { ifFailures: "ignore" })]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ failures: [expect.objectContaining({ name: op("ours-2"), status: "PERMISSION_DENIED" })] });
        expect(ctx.emu.count({ rpc: "cancel", operation: op("ours-1") })).toBe(1);
    });

    test("timeout: recorded as still running (partially created); the next up sweeps again without a second cancel", async () => {
        for (const id of ["ours-1", "ours-2"]) ctx.emu.remove(op(id));
        ctx.emu.add({ name: op("ours-1"), service: "gkemulticloud", target: CLUSTER, cancelTakesMs: 5000 });
        const s = await newStack([sweep("drain", { timeout: "2s" })]);
        const first = await s.up();
        expect(first.code).not.toBe(0);
        const partial = await s.resource(TYPE, "drain");
        expect(partial.initErrors?.join()).toMatch(/still running after 2(\.0)?s/);
        expect(partial.outputs).toMatchObject({ stillRunning: [op("ours-1")], cancelRequested: [op("ours-1")] });

        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel", operation: op("ours-1") })).toBe(1);
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ stillRunning: [], failures: [], cancelRequested: [op("ours-1")] });
    });

    test("refresh re-reads only the operations recorded as still running, never lists; an in-place change sends nothing", async () => {
        for (const id of ["ours-1", "ours-2"]) ctx.emu.remove(op(id));
        ctx.emu.add({ name: op("ours-1"), service: "gkemulticloud", target: CLUSTER, cancelTakesMs: 1500 });
        const s = await newStack([sweep("drain", { wait: false })]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ stillRunning: [op("ours-1")] });

        await new Promise((r) => setTimeout(r, 2500));
        const lists = ctx.emu.count({ rpc: "list" });
        expect((await s.refresh()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "list" })).toBe(lists);
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ stillRunning: [], cancelled: [op("ours-1")] });

        writeSpec(s, [sweep("drain", { wait: false, maxConcurrency: 4 })]);
        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
        expect(await s.lastChanges()).toEqual({ same: 1, update: 1 });
        expect((await s.resource(TYPE, "drain")).outputs).toMatchObject({ maxConcurrency: 4 });
    });

    test("destroy of a create-time sweep sends nothing", async () => {
        const s = await newStack([sweep("drain")]);
        expect((await s.up()).code).toBe(0);
        const before = ctx.emu.count();
        expect((await s.destroy()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
    });

    test("a changed trigger sweeps again on the next up", async () => {
        const s = await newStack([sweep("drain", { triggers: ["release-1"] })]);
        expect((await s.up()).code).toBe(0);
        ctx.emu.add({ name: op("ours-3"), service: "gkemulticloud", target: CLUSTER });
        writeSpec(s, [sweep("drain", { triggers: ["release-2"] })]);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel", operation: op("ours-3") })).toBe(1);
        expect(ctx.emu.count({ rpc: "cancel", operation: op("ours-1") })).toBe(1);
    });
});
