/**
 * GKE (`google.container.v1.Operation`) and Cloud SQL (`sql#operation`) operations through the client,
 * against the emulator: their own paths, their own fields read into the same outcomes, and `ENDED`
 * where their shape cannot show a cancellation for certain.
 */
import { OperationsClient, type OperationsClientOptions } from "../../provider/google";
import { sweepOperations } from "../../provider/sweep";
import { useEmulatorPerTest } from "../support/emulator";
import { FAST, TOKEN } from "./support";

const GKE_OP = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abcdef12";
const GKE_ZONAL = "projects/my-proj/zones/us-central1-a/operations/operation-1732000000001-abcdef13";
const POOL = "https://container.googleapis.com/v1/projects/123456789012/locations/us-central1/clusters/prod/nodePools/pool-a";
const SQL_OP = "projects/my-proj/operations/7e1f0c2a-0000-4000-8000-000000000001";

describe("GKE operations", () => {
    const { emu } = useEmulatorPerTest();
    const client = (extra: OperationsClientOptions = {}) =>
        new OperationsClient({ service: "container", endpoint: `${emu().url}/container`, credentials: { accessToken: TOKEN }, ...FAST, ...extra });

    test("a node-pool upgrade is cancelled: POST …:cancel with {}, ABORTING, then DONE with a CANCELLED error: CANCELLED", async () => {
        emu().add({ service: "container", name: GKE_OP, operationType: "UPGRADE_NODES", targetLink: POOL, cancelTakesMs: 150 });
        const seen: string[] = [];
        const result = await client().cancelAndConfirm(GKE_OP, { timeoutMs: 10_000, onPoll: (p) => seen.push(String(p.operation.metadata?.status)) });
        expect(result).toMatchObject({ name: GKE_OP, outcome: "CANCELLED", cancelSent: true });
        expect(seen).toContain("ABORTING");
        expect(result.operation?.metadata).toMatchObject({ operationType: "UPGRADE_NODES", verb: "UPGRADE_NODES", target: "projects/123456789012/locations/us-central1/clusters/prod/nodePools/pool-a", status: "DONE" });
        const cancel = emu().requests.find((r) => r.rpc === "cancel");
        expect(cancel).toMatchObject({ method: "POST", url: `/container/v1/${GKE_OP}:cancel`, body: "{}" });
    });

    test("the zonal form and a pasted self link reach the zonal path", async () => {
        emu().add({ service: "container", name: GKE_ZONAL, operationType: "SET_NODE_POOL_SIZE" });
        const selfLink = `https://container.googleapis.com/v1/${GKE_ZONAL}`;
        const result = await client().cancelAndConfirm(selfLink, { timeoutMs: 10_000 });
        expect(result).toMatchObject({ name: GKE_ZONAL, outcome: "CANCELLED" });
        expect(emu().requests.find((r) => r.rpc === "cancel")?.url).toBe(`/container/v1/${GKE_ZONAL}:cancel`);
        // Without endpoint the self link decides the service and host.
        expect(new OperationsClient({ credentials: { accessToken: TOKEN } }).resolveOperation(selfLink).url).toBe(selfLink);
    });

    test("an operation that ignores the cancel and ends DONE without an error is ENDED: GKE's shape cannot tell an abort from a finish", async () => {
        emu().add({ service: "container", name: GKE_OP, cancel: "ignore", doneAfterMs: 300 });
        const result = await client().cancelAndConfirm(GKE_OP, { timeoutMs: 10_000 });
        expect(result.outcome).toBe("ENDED");
        expect(result.message).toMatch(/ended after the cancel was requested; its service's answer cannot tell whether the cancel stopped it/);
    });

    test("with sendCancel false (its cancel asked for earlier), an operation that then ends DONE is ENDED, and no cancel is sent", async () => {
        emu().add({ service: "container", name: GKE_OP, doneAfterMs: 300 });
        const result = await client().cancelAndConfirm(GKE_OP, { timeoutMs: 10_000, sendCancel: false });
        expect(result).toMatchObject({ outcome: "ENDED", cancelSent: false });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("an operation done before any cancel is SUCCEEDED, and none is sent; one already ABORTING is not sent a second cancel", async () => {
        emu().add({ service: "container", name: GKE_OP, doneAfterMs: 0 });
        expect(await client().cancelAndConfirm(GKE_OP, { timeoutMs: 10_000 })).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false });
        emu().add({ service: "container", name: GKE_ZONAL, cancelTakesMs: 400 });
        await client().cancelOperation(GKE_ZONAL);
        emu().resetLog();
        const again = await client().cancelAndConfirm(GKE_ZONAL, { timeoutMs: 10_000 });
        expect(again).toMatchObject({ outcome: "CANCELLED", cancelSent: false, cancelAlreadyRequested: true });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a sweep of every location (-) selects by targetLink prefix and operationType, and cancels only those", async () => {
        emu().addMany(
            { service: "container", name: GKE_OP, operationType: "UPGRADE_NODES", targetLink: POOL },
            { service: "container", name: "projects/my-proj/locations/us-east1/operations/operation-2", operationType: "UPGRADE_NODES", targetLink: POOL.replace("us-central1", "us-east1") },
            { service: "container", name: "projects/my-proj/locations/us-central1/operations/operation-3", operationType: "SET_LABELS", targetLink: POOL.replace("/nodePools/pool-a", "") },
            { service: "container", name: "projects/my-proj/locations/us-central1/operations/operation-4", operationType: "UPGRADE_NODES", targetLink: POOL.replace("pool-a", "pool-b") },
        );
        const result = await sweepOperations(client(), {
            parent: "projects/my-proj/locations/-",
            selection: { targetPrefix: "projects/my-proj/locations/us-central1/clusters/prod/nodePools/pool-a", verbs: ["upgrade_nodes"] },
            timeoutMs: 10_000,
        });
        expect(result.counts).toMatchObject({ listed: 4, matched: 1, cancelled: 1 });
        expect(emu().requests.filter((r) => r.rpc === "cancel").map((r) => r.url)).toEqual([`/container/v1/${GKE_OP}:cancel`]);
        expect(emu().requests.find((r) => r.rpc === "list")?.url).toBe("/container/v1/projects/my-proj/locations/-/operations");
    });

    test("a targetLink pasted from an error message selects like its path", async () => {
        emu().addMany(
            { service: "container", name: GKE_OP, operationType: "UPGRADE_NODES", targetLink: POOL },
            { service: "container", name: "projects/my-proj/locations/us-central1/operations/operation-5", operationType: "UPGRADE_NODES", targetLink: POOL.replace("pool-a", "pool-b") },
        );
        const result = await sweepOperations(client(), { parent: "projects/my-proj/locations/us-central1", selection: { target: POOL }, dryRun: true, timeoutMs: 10_000 });
        expect(result.items.map((i) => i.name)).toEqual([GKE_OP]);
    });

    test("GKE's list takes no filter: said before any request", async () => {
        await expect(client().listOperations("projects/my-proj/locations/us-central1", { filter: "done=false" }).next()).rejects.toThrow(/GKE's ListOperations takes no filter/);
        expect(emu().requests).toHaveLength(0);
    });
});

describe("Cloud SQL operations", () => {
    const { emu } = useEmulatorPerTest();
    const client = () => new OperationsClient({ service: "sqladmin", endpoint: `${emu().url}/sqladmin`, credentials: { accessToken: TOKEN }, ...FAST });

    test("an import is cancelled with POST …/cancel and no body; DONE with an error after it is ENDED (its codes do not say cancelled for certain)", async () => {
        emu().add({ service: "sqladmin", name: SQL_OP, targetId: "db-1", operationType: "IMPORT" });
        const result = await client().cancelAndConfirm(SQL_OP, { timeoutMs: 10_000 });
        expect(result).toMatchObject({ name: SQL_OP, outcome: "ENDED", cancelSent: true });
        expect(result.operation?.metadata).toMatchObject({ kind: "sql#operation", targetId: "db-1", operationType: "IMPORT", target: "projects/my-proj/instances/db-1", verb: "IMPORT" });
        expect(result.operation?.error?.message).toMatch(/OPERATION_CANCELLED/);
        expect(emu().requests.find((r) => r.rpc === "cancel")).toMatchObject({ method: "POST", url: `/sqladmin/v1/${SQL_OP}/cancel`, body: "" });
    });

    test("an operation that finished is SUCCEEDED, with no cancel sent; one that failed on its own is FAILED", async () => {
        emu().add({ service: "sqladmin", name: SQL_OP, targetId: "db-1", doneAfterMs: 0 });
        expect(await client().cancelAndConfirm(SQL_OP, { timeoutMs: 10_000 })).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false });
        const failed = "projects/my-proj/operations/7e1f0c2a-0000-4000-8000-000000000002";
        emu().add({ service: "sqladmin", name: failed, targetId: "db-1", doneAfterMs: 0, result: { error: { code: "ERROR_RDBMS", message: "syntax error" } } });
        expect(await client().cancelAndConfirm(failed, { timeoutMs: 10_000 })).toMatchObject({ outcome: "FAILED", cancelSent: false });
    });

    test("a sweep of an instance lists ?instance= and cancels that instance's selected operations only", async () => {
        const id = (n: number) => `projects/my-proj/operations/7e1f0c2a-0000-4000-8000-00000000001${n}`;
        emu().addMany(
            { service: "sqladmin", name: id(1), targetId: "db-1", operationType: "IMPORT" },
            { service: "sqladmin", name: id(2), targetId: "db-1", operationType: "BACKUP_VOLUME" },
            { service: "sqladmin", name: id(3), targetId: "db-2", operationType: "IMPORT" },
        );
        const result = await sweepOperations(client(), { parent: "projects/my-proj/instances/db-1", selection: { verbs: ["IMPORT"] }, timeoutMs: 10_000 });
        expect(result.counts).toMatchObject({ listed: 2, matched: 1, ended: 1 });
        expect(emu().requests.filter((r) => r.rpc === "cancel").map((r) => r.url)).toEqual([`/sqladmin/v1/${id(1)}/cancel`]);
        expect(emu().requests.find((r) => r.rpc === "list")?.url).toMatch(/^\/sqladmin\/v1\/projects\/my-proj\/operations\?instance=db-1/);
    });

    test("a parent that is not an instance is refused before any request, saying the form", async () => {
        await expect(client().listOperations("projects/my-proj").next()).rejects.toThrow(/Cloud SQL lists operations per instance; name it as projects\/\{project\}\/instances\/\{instance\}/);
        expect(emu().requests).toHaveLength(0);
    });
});
