/**
 * examples/gke-node-pool-teardown, unchanged, through Pulumi's dynamic-provider host against the emulator:
 * `up` sends no cancel; `destroy` cancels the pool's running upgrade and resize (GKE: ABORTING, then DONE)
 * and leaves another pool's and another kind of operation alone.
 */
import { DEFAULT_TOKEN } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { useExampleStack } from "./exampleStack";

const PROJECT = "gcpops-gke-node-pool-teardown";
const OPS = "projects/demo-project/locations/us-central1/operations";
const POOL_LINK = "https://container.googleapis.com/v1/projects/123456789012/locations/us-central1/clusters/prod/nodePools/pool-a";

describe("examples/gke-node-pool-teardown", () => {
    const stack = useExampleStack("gke-node-pool-teardown", PROJECT);

    test("destroy cancels the pool's upgrade and resize, and only those; up sends no cancel", async () => {
        stack.emu.addMany(
            { service: "container", name: `${OPS}/operation-upgrade`, operationType: "UPGRADE_NODES", targetLink: POOL_LINK, cancelTakesMs: 100 },
            { service: "container", name: `${OPS}/operation-resize`, operationType: "SET_NODE_POOL_SIZE", targetLink: POOL_LINK, cancelTakesMs: 100 },
            { service: "container", name: `${OPS}/operation-other-pool`, operationType: "UPGRADE_NODES", targetLink: POOL_LINK.replace("pool-a", "pool-b") },
            { service: "container", name: `${OPS}/operation-labels`, operationType: "SET_LABELS", targetLink: POOL_LINK },
        );
        const config = { "gcp:accessToken": DEFAULT_TOKEN, "gcp:project": "demo-project", "gcp:region": "us-central1", [`${PROJECT}:endpoint`]: `${stack.url}/container` };
        const engine = new EngineSimulator(stack.host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const up = await engine.up(stack.example.program);
        expect(up.outputs).toEqual({ poolId: "projects/demo-project/locations/us-central1/clusters/prod/nodePools/pool-a", sweepScope: "projects/demo-project/locations/us-central1" });
        expect(stack.emu.count({ rpc: "cancel" })).toBe(0);

        await engine.destroy();
        const cancelled = stack.emu.requests.filter((r) => r.rpc === "cancel").map((r) => r.operation).sort();
        expect(cancelled).toEqual([`${OPS}/operation-resize`, `${OPS}/operation-upgrade`]);
        expect(stack.emu.get(`${OPS}/operation-upgrade`, "container")).toMatchObject({ status: "DONE", error: { code: 1 } });
        expect(stack.emu.get(`${OPS}/operation-other-pool`, "container")).toMatchObject({ status: "RUNNING" });
        expect(stack.emu.get(`${OPS}/operation-labels`, "container")).toMatchObject({ status: "RUNNING" });
        expect(engine.state.size).toBe(0);
    });
});
