/**
 * examples/gke-multicloud-teardown, unchanged, through Pulumi's dynamic-provider host against the emulator:
 * `up` sends no cancel; `destroy` cancels the cluster's running operations (its node pools' too) and
 * leaves another cluster's alone.
 */
import { OperationsEmulator, DEFAULT_TOKEN } from "../../provider/testing";
import { prepareExample, type QuickstartProgram } from "../../scripts/demo/quickstart";
import { EngineSimulator } from "../support/engine";
import { startHost, type HostClient } from "../support/host";

const PROJECT = "gcpops-gke-multicloud-teardown";
const OPS = "projects/demo-project/locations/us-west1/operations";
const CLUSTER = "projects/demo-project/locations/us-west1/awsClusters/prod-east";

describe("examples/gke-multicloud-teardown", () => {
    let emu: OperationsEmulator;
    let host: HostClient;
    let example: QuickstartProgram;
    let url: string;

    beforeAll(async () => {
        emu = new OperationsEmulator();
        url = await emu.start();
        example = prepareExample("gke-multicloud-teardown", PROJECT);
        host = await startHost({ cwd: example.dir.dir });
        await host.configure({ "gcp:accessToken": DEFAULT_TOKEN });
    });
    afterAll(async () => {
        await host?.stop();
        await emu?.stop();
        example?.dir.cleanup();
    });

    test("destroy cancels what still runs against the cluster, and only that; up sends no cancel", async () => {
        emu.addMany(
            { name: `${OPS}/op-cluster-update`, service: "gkemulticloud", target: CLUSTER, verb: "update", cancelTakesMs: 100 },
            { name: `${OPS}/op-nodepool-create`, service: "gkemulticloud", target: `${CLUSTER}/awsNodePools/pool-1`, verb: "create", cancelTakesMs: 100 },
            { name: `${OPS}/op-other-cluster`, service: "gkemulticloud", target: "projects/demo-project/locations/us-west1/awsClusters/staging", verb: "update" },
            { name: `${OPS}/op-finished`, service: "gkemulticloud", target: CLUSTER, verb: "create", doneAfterMs: 0 },
        );
        const config = { "gcp:accessToken": DEFAULT_TOKEN, "gcp:project": "demo-project", "gcp:region": "us-west1", [`${PROJECT}:endpoint`]: url };
        const engine = new EngineSimulator(host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const up = await engine.up(example.program);
        expect(up.outputs).toEqual({ clusterId: CLUSTER, sweepScope: "projects/demo-project/locations/us-west1" });
        expect(emu.count({ rpc: "cancel" })).toBe(0);

        await engine.destroy();
        expect(emu.count({ rpc: "cancel" })).toBe(2);
        expect(emu.get(`${OPS}/op-cluster-update`)).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu.get(`${OPS}/op-nodepool-create`)).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu.get(`${OPS}/op-other-cluster`)?.done).toBeFalsy();
        expect(emu.count({ rpc: "cancel", operation: `${OPS}/op-other-cluster` })).toBe(0);
        expect(emu.count({ rpc: "cancel", operation: `${OPS}/op-finished` })).toBe(0);
        expect(engine.state.size).toBe(0);
    });
});
