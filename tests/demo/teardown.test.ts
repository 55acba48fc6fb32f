/**
 * examples/gke-multicloud-teardown, unchanged, through Pulumi's dynamic-provider host against the emulator:
 * `up` sends no cancel; `destroy` cancels the cluster's running operations (its node pools' too) and
 * leaves another cluster's alone.
 */
import { DEFAULT_TOKEN } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { useExampleStack } from "./exampleStack";

const PROJECT = "gcpops-gke-multicloud-teardown";
const OPS = "projects/demo-project/locations/us-west1/operations";
const CLUSTER = "projects/demo-project/locations/us-west1/awsClusters/prod-east";

describe("examples/gke-multicloud-teardown", () => {
    const stack = useExampleStack("gke-multicloud-teardown", PROJECT);

    test("destroy cancels what still runs against the cluster, and only that; up sends no cancel", async () => {
        stack.emu.addMany(
            { name: `${OPS}/op-cluster-update`, service: "gkemulticloud", target: CLUSTER, verb: "update", cancelTakesMs: 100 },
            { name: `${OPS}/op-nodepool-create`, service: "gkemulticloud", target: `${CLUSTER}/awsNodePools/pool-1`, verb: "create", cancelTakesMs: 100 },
            { name: `${OPS}/op-other-cluster`, service: "gkemulticloud", target: "projects/demo-project/locations/us-west1/awsClusters/staging", verb: "update" },
            { name: `${OPS}/op-finished`, service: "gkemulticloud", target: CLUSTER, verb: "create", doneAfterMs: 0 },
        );
        const config = { "gcp:accessToken": DEFAULT_TOKEN, "gcp:project": "demo-project", "gcp:region": "us-west1", [`${PROJECT}:endpoint`]: stack.url };
        const engine = new EngineSimulator(stack.host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const up = await engine.up(stack.example.program);
        expect(up.outputs).toEqual({ clusterId: CLUSTER, sweepScope: "projects/demo-project/locations/us-west1" });
        expect(stack.emu.count({ rpc: "cancel" })).toBe(0);

        await engine.destroy();
        expect(stack.emu.count({ rpc: "cancel" })).toBe(2);
        expect(stack.emu.get(`${OPS}/op-cluster-update`)).toMatchObject({ done: true, error: { code: 1 } });
        expect(stack.emu.get(`${OPS}/op-nodepool-create`)).toMatchObject({ done: true, error: { code: 1 } });
        expect(stack.emu.get(`${OPS}/op-other-cluster`)?.done).toBeFalsy();
        expect(stack.emu.count({ rpc: "cancel", operation: `${OPS}/op-other-cluster` })).toBe(0);
        expect(stack.emu.count({ rpc: "cancel", operation: `${OPS}/op-finished` })).toBe(0);
        expect(engine.state.size).toBe(0);
    });
});
