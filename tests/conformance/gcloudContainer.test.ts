/**
 * gcloud 528 as a conformance peer for GKE: `gcloud container operations describe|cancel|list|wait`
 * (with `--location`, `--region` and `--zone`) against the emulator's `container` shape.
 * gcloud always calls the `projects/{p}/locations/{l}/operations/{id}` methods, `--zone` included
 * (api_lib/container/api_adapter.py: GetOperation, CancelOperation, ListOperations); the zonal REST
 * paths are covered by tests/emulator/container.test.ts.
 */
import { OperationsEmulator, projectNumber } from "../../provider/testing";
import { describeWithGcloud, errorLines, gcloudConfig, runGcloud, type GcloudConfig, type Run } from "./gcloudHarness";

const PROJECT = "my-project";
const NUMBER = projectNumber(PROJECT);
const ROOT = "https://container.googleapis.com/v1";
const regional = (id: string) => `projects/${PROJECT}/locations/us-central1/operations/${id}`;
const zonal = (id: string) => `projects/${PROJECT}/zones/us-central1-a/operations/${id}`;

describeWithGcloud("gcloud container operations against the emulator", (gcloud) => {
    let emu: OperationsEmulator;
    let config: GcloudConfig;
    const pool = `${ROOT}/projects/${NUMBER}/locations/us-central1/clusters/prod/nodePools/pool-a`;

    beforeAll(async () => {
        emu = new OperationsEmulator({
            seed: {
                operations: [
                    { service: "container", name: regional("operation-running"), operationType: "UPGRADE_NODES", targetLink: pool },
                    { service: "container", name: zonal("operation-zonal"), operationType: "SET_NODE_POOL_SIZE", doneAfterMs: 0 },
                    { service: "container", name: regional("operation-fails"), operationType: "UPGRADE_MASTER", doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "Master upgrade failed" } } },
                    { service: "container", name: regional("operation-to-cancel"), operationType: "CREATE_NODE_POOL" },
                    // another service under the same name form is not GKE's to list
                    { service: "clouddeploy", name: regional("op-deploy") },
                ],
            },
        });
        const url = await emu.start();
        config = gcloudConfig(PROJECT, { container: `${url}/container/` });
    });

    afterAll(async () => {
        await emu?.stop();
        config?.dispose();
    });

    const run = (...args: string[]): Promise<Run> => runGcloud(gcloud, config, ["container", "operations", ...args]);
    const seen = (name: string) => emu.requests.filter((e) => e.operation === name).map((e) => `${e.method} ${e.url} ${e.status}`);

    test("describe --location: exit 0, the GKE operation as YAML (bare id, status, links with the project number)", async () => {
        const r = await run("describe", "operation-running", "--location=us-central1");
        expect(r.code).toBe(0);
        expect(errorLines(r)).toEqual([]);
        expect(r.stdout).toMatch(/^name: operation-running$/m);
        expect(r.stdout).toMatch(/^status: RUNNING$/m);
        expect(r.stdout).toMatch(/^operationType: UPGRADE_NODES$/m);
        expect(r.stdout).toContain(`selfLink: ${ROOT}/projects/${NUMBER}/locations/us-central1/operations/operation-running`);
        expect(r.stdout).toContain(`targetLink: ${pool}`);
        expect(r.stdout).not.toMatch(/^endTime:/m);
        expect(seen(regional("operation-running"))).toEqual([`GET /container/v1/${regional("operation-running")}?alt=json 200`]);
    });

    test("describe --zone: gcloud asks the locations method with the zone; the zonal selfLink comes back", async () => {
        const r = await run("describe", "operation-zonal", "--zone=us-central1-a");
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^status: DONE$/m);
        expect(r.stdout).toContain(`selfLink: ${ROOT}/projects/${NUMBER}/zones/us-central1-a/operations/operation-zonal`);
        expect(r.stdout).toMatch(/^zone: us-central1-a$/m);
        const name = `projects/${PROJECT}/locations/us-central1-a/operations/operation-zonal`;
        expect(seen(name)).toEqual([`GET /container/v1/${name}?alt=json 200`]);
    });

    test("describe --region of an unknown operation: exit 1, gcloud's ResponseError line with GKE's 404 message", async () => {
        const r = await run("describe", "operation-missing", "--region=us-central1");
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(errorLines(r)[0]).toBe(`ERROR: (gcloud.container.operations.describe) ResponseError: code=404, message=Not found: ${regional("operation-missing")}. This command is authenticated with an access token from ${config.tokenFile} specified by the [auth/access_token_file] property.`);
    });

    test("list: exit 0, every location (`-`), gcloud's table from status, statusMessage and targetLink", async () => {
        const r = await run("list");
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0].split(/\s+/)).toEqual(["NAME", "TYPE", "LOCATION", "TARGET", "STATUS_MESSAGE", "STATUS", "START_TIME", "END_TIME"]);
        const rows = new Map(lines.slice(1).map((l) => [l.split(/\s+/)[0], l]));
        expect([...rows.keys()].sort()).toEqual(["operation-fails", "operation-running", "operation-to-cancel", "operation-zonal"]);
        expect(rows.get("operation-running")?.split(/\s+/).slice(1, 5)).toEqual(["UPGRADE_NODES", "us-central1", "pool-a", "RUNNING"]);
        expect(rows.get("operation-zonal")?.split(/\s+/).slice(1, 5)).toEqual(["SET_NODE_POOL_SIZE", "us-central1-a", "default-pool", "DONE"]);
        expect(rows.get("operation-fails")).toMatch(/UPGRADE_MASTER\s+us-central1\s+cluster-1\s+Master upgrade failed\s+DONE/);
        expect(emu.requests.filter((e) => e.rpc === "list").map((e) => `${e.url} ${e.status}`)).toEqual([`/container/v1/projects/${PROJECT}/locations/-/operations?alt=json 200`]);
    });

    test("list --zone: only that zone's operations", async () => {
        const r = await run("list", "--zone=us-central1-a");
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split("\n").slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["operation-zonal"]);
    });

    test("wait for a failed operation: exit 1, gcloud reports statusMessage", async () => {
        const r = await run("wait", "operation-fails", "--location=us-central1");
        expect(r.code).toBe(1);
        const errors = errorLines(r);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^ERROR: \(gcloud\.container\.operations\.wait\) Operation \[<Operation$/);
        expect(r.stderr).toContain("] finished with error: Master upgrade failed");
        expect(r.stderr).toContain("status: StatusValueValuesEnum(DONE, 3)");
        expect(r.stderr).toContain("code: 9");
    });

    test("cancel a running operation: exit 0, CancelOperationRequest with the name, then DONE with CANCELLED; wait fails on it", async () => {
        const r = await run("cancel", "operation-to-cancel", "--location=us-central1", "--quiet");
        expect(r.code).toBe(0);
        expect(r.stderr).toContain("Cancelation of operation operation-to-cancel has been requested.");
        expect(r.stdout).toMatch(/^status: DONE$/m);
        expect(r.stdout).toMatch(/^statusMessage: Operation was cancelled\.$/m);
        expect(r.stdout).toMatch(/^error:\n {2}code: 1\n {2}message: Operation was cancelled\.$/m);
        const name = regional("operation-to-cancel");
        expect(seen(name)).toEqual([`GET /container/v1/${name}?alt=json 200`, `POST /container/v1/${name}:cancel?alt=json 200`, `GET /container/v1/${name}?alt=json 200`]);
        expect(JSON.parse(emu.requests.find((e) => e.method === "POST" && e.operation === name)?.body ?? "")).toEqual({ name });
        const w = await run("wait", "operation-to-cancel", "--location=us-central1");
        expect(w.code).toBe(1);
        expect(w.stderr).toContain("] finished with error: Operation was cancelled.");
    });

    test("cancel a finished operation: exit 1, FAILED_PRECONDITION", async () => {
        const r = await run("cancel", "operation-zonal", "--zone=us-central1-a", "--quiet");
        expect(r.code).toBe(1);
        expect(errorLines(r)).toEqual(["ERROR: (gcloud.container.operations.cancel) FAILED_PRECONDITION: Operation operation-zonal is already done."]);
    });
});
