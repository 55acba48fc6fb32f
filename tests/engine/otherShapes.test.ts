/**
 * GKE and Cloud SQL operations through both resources and the real Pulumi engine: a GKE node-pool upgrade
 * cancelled by its self link, a teardown sweep of one node pool's operations before the pool is deleted,
 * and a Cloud SQL instance's import swept (ENDED, since Cloud SQL's answer cannot show a cancellation for
 * certain); refresh keeps what cannot be known.
 */
import { describeRealEngine } from "../support/pulumiCli";
import type { ResourceSpec } from "./specProgram";
import { useRealEngineStack } from "./stackPerTest";

const GKE = "projects/my-proj/locations/us-central1/operations";
const POOL = "https://container.googleapis.com/v1/projects/123456789012/locations/us-central1/clusters/prod/nodePools/pool-a";
const SQL = "projects/my-proj/operations";

describeRealEngine("GKE and Cloud SQL operations", (cli) => {
    const ctx = useRealEngineStack(cli, (emu) =>
        emu.addMany(
            { service: "container", name: `${GKE}/operation-upgrade`, operationType: "UPGRADE_NODES", targetLink: POOL, cancelTakesMs: 300 },
            { service: "container", name: `${GKE}/operation-resize`, operationType: "SET_NODE_POOL_SIZE", targetLink: POOL, cancelTakesMs: 300 },
            { service: "container", name: `${GKE}/operation-other-pool`, operationType: "UPGRADE_NODES", targetLink: POOL.replace("pool-a", "pool-b") },
            { service: "sqladmin", name: `${SQL}/7e1f0c2a-0000-4000-8000-000000000001`, targetId: "db-1", operationType: "IMPORT" },
            { service: "sqladmin", name: `${SQL}/7e1f0c2a-0000-4000-8000-000000000002`, targetId: "db-1", operationType: "BACKUP_VOLUME" },
            { service: "sqladmin", name: `${SQL}/7e1f0c2a-0000-4000-8000-000000000003`, targetId: "db-2", operationType: "IMPORT" },
        ),
    );
    const gke = () => `${ctx.url}/container`;

    test("an OperationCancellation of a GKE self link ends CANCELLED once; a second up sends nothing; refresh keeps it", async () => {
        const s = await ctx.newStack([
            { kind: "cancellation", name: "upgrade", args: { operation: `https://container.googleapis.com/v1/${GKE}/operation-upgrade`, endpoint: gke(), timeout: "30s" } },
        ]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(":OperationCancellation", "upgrade")).outputs).toMatchObject({
            operation: `${GKE}/operation-upgrade`,
            service: "container",
            outcome: "CANCELLED",
            cancelRequested: true,
            done: true,
        });
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(1);
        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
        expect((await s.refresh()).code).toBe(0);
        expect((await s.resource(":OperationCancellation", "upgrade")).outputs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(1);
    });

    test("destroy sweeps one node pool's GKE operations before the pool goes, and leaves another pool's alone", async () => {
        const spec: ResourceSpec[] = [
            { kind: "marker", name: "pool", args: { name: "pool", url: `${ctx.url}/marker-pool-deleted` } },
            {
                kind: "sweep",
                name: "drain-pool-a",
                args: {
                    service: "container",
                    endpoint: gke(),
                    parent: "projects/my-proj/locations/-",
                    targetPrefix: "projects/my-proj/locations/us-central1/clusters/prod/nodePools/pool-a",
                    verbs: ["UPGRADE_NODES", "SET_NODE_POOL_SIZE"],
                    cancelOn: "delete",
                    timeout: "30s",
                },
                dependsOn: ["pool"],
            },
        ];
        const s = await ctx.newStack(spec);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(0);
        expect((await s.destroy()).code).toBe(0);
        const cancels = ctx.emu.requests.filter((r) => r.rpc === "cancel").map((r) => r.operation).sort();
        expect(cancels).toEqual([`${GKE}/operation-resize`, `${GKE}/operation-upgrade`]);
        // Every cancel was sent before the pool's deletion.
        const markerAt = ctx.emu.requests.findIndex((r) => r.url.includes("marker-pool-deleted"));
        const lastCancel = Math.max(...ctx.emu.requests.map((r, i) => (r.rpc === "cancel" ? i : -1)));
        expect(markerAt).toBeGreaterThan(lastCancel);
        expect(ctx.emu.get(`${GKE}/operation-other-pool`, "container")).toMatchObject({ status: "RUNNING" });
    });

    test("a sweep of a Cloud SQL instance's imports: the import ENDED, the instance's backup and another instance's import untouched", async () => {
        const s = await ctx.newStack([
            { kind: "sweep", name: "db-1-imports", args: { service: "sqladmin", endpoint: `${ctx.url}/sqladmin`, parent: "projects/my-proj/instances/db-1", verbs: ["IMPORT"], timeout: "30s" } },
        ]);
        expect((await s.up()).code).toBe(0);
        const outputs = (await s.resource(":OperationSweep", "db-1-imports")).outputs;
        expect(outputs).toMatchObject({
            matched: [`${SQL}/7e1f0c2a-0000-4000-8000-000000000001`],
            ended: [`${SQL}/7e1f0c2a-0000-4000-8000-000000000001`],
            cancelled: [],
            failures: [],
            counts: expect.objectContaining({ listed: 2, matched: 1, ended: 1 }),
        });
        expect(String(outputs?.message)).toMatch(/1 ended \(whether by the cancel, their service cannot tell\)/);
        expect(ctx.emu.requests.filter((r) => r.rpc === "cancel").map((r) => r.url)).toEqual([`/sqladmin/v1/${SQL}/7e1f0c2a-0000-4000-8000-000000000001/cancel`]);
    });
});
