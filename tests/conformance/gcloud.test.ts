/**
 * gcloud 528 as a conformance peer: `gcloud container aws operations describe|list|wait|cancel`
 * driven against the emulator must give what they give against Google (exit code, what is printed).
 *
 * gcloud runs with a throw-away configuration directory (CLOUDSDK_CONFIG), the gkemulticloud endpoint
 * overridden to the emulator (`api_endpoint_overrides/gkemulticloud = http://127.0.0.1:PORT/gkemulticloud/`,
 * the emulator's per-service path prefix), `core/project`, and `--access-token-file`; no network.
 * The harness (tests/conformance/gcloudHarness.ts) skips the suite without gcloud, saying why, except under CI=true.
 */
import { OperationsEmulator, DEFAULT_TOKEN } from "../../provider/testing";
import { describeWithGcloud, errorLines, gcloudConfig, runGcloud, type GcloudConfig, type Run } from "./gcloudHarness";

const PROJECT = "my-project";
const LOCATION = "us-west1";
const PARENT = `projects/${PROJECT}/locations/${LOCATION}`;
const op = (id: string) => `${PARENT}/operations/${id}`;
const CLUSTER = "projects/123456789012/locations/us-west1/awsClusters/my-cluster";

describeWithGcloud("gcloud container aws operations against the emulator", (gcloud) => {
    let emu: OperationsEmulator;
    let config: GcloudConfig;

    const gke = { service: "gkemulticloud", target: CLUSTER };
    beforeAll(async () => {
        emu = new OperationsEmulator({
            seed: {
                operations: [
                    { name: op("op-running"), ...gke, verb: "update" },
                    { name: op("op-succeeds"), ...gke, doneAfterMs: 1500 },
                    { name: op("op-fails"), ...gke, doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "cluster is busy" } } },
                    { name: op("op-to-cancel"), ...gke },
                    { name: op("op-done"), ...gke, doneAfterMs: 0 },
                    { name: op("op-done-ok"), ...gke, doneAfterMs: 0, afterDoneCancel: "ok" },
                    // ListOperations answers AWS, Azure and attached operations alike; gcloud filters on the target.
                    { name: op("op-azure"), service: "gkemulticloud", target: "projects/123456789012/locations/us-west1/azureClusters/az", doneAfterMs: 0 },
                    // another service's operation in the same location is not gkemulticloud's to list
                    { name: op("op-deploy"), service: "clouddeploy" },
                ],
            },
        });
        const url = await emu.start();
        config = gcloudConfig(PROJECT, { gkemulticloud: `${url}/gkemulticloud/` });
    });

    afterAll(async () => {
        await emu?.stop();
        config?.dispose();
    });

    const run = (...args: string[]): Promise<Run> => runGcloud(gcloud, config, ["container", "aws", "operations", ...args]);

    const errors = errorLines;

    test("describe a running operation: exit 0, the operation as YAML without done", async () => {
        const r = await run("describe", "op-running", `--location=${LOCATION}`);
        expect(r).toMatchObject({ code: 0 });
        expect(r.stdout).toContain(`name: ${op("op-running")}`);
        expect(r.stdout).toContain("'@type': type.googleapis.com/google.cloud.gkemulticloud.v1.OperationMetadata");
        expect(r.stdout).toContain(`target: ${CLUSTER}`);
        expect(r.stdout).toContain("verb: update");
        expect(r.stdout).not.toMatch(/^done:/m);
        expect(errors(r)).toEqual([]);
        const get = emu.requests.filter((e) => e.operation === op("op-running"));
        expect(get.map((e) => [e.method, e.url, e.status])).toEqual([["GET", `/gkemulticloud/v1/${op("op-running")}?alt=json`, 200]]);
        expect(get[0].token).toBe(DEFAULT_TOKEN);
        expect(get[0].userAgent).toMatch(/^google-cloud-sdk gcloud\/528\./);
    });

    test("describe an unknown operation: exit 1, NOT_FOUND with gkemulticloud's ErrorInfo", async () => {
        const r = await run("describe", "op-missing", `--location=${LOCATION}`);
        expect(r.code).toBe(1);
        expect(r.stdout).toBe("");
        expect(r.stderr).toContain(`ERROR: (gcloud.container.aws.operations.describe) NOT_FOUND: Operation not found: ${op("op-missing")}.`);
        expect(r.stderr).toContain("domain: gkemulticloud.googleapis.com");
        expect(r.stderr).toContain("reason: OPERATION_NOT_FOUND");
    });

    test("list: exit 0, gcloud's table of the location's AWS operations only", async () => {
        const r = await run("list", `--location=${LOCATION}`);
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0].split(/\s+/)).toEqual(["OPERATION_NAME", "LOCATION", "TARGET", "VERB", "STATUS", "CREATE_TIME", "DURATION"]);
        const rows = new Map(lines.slice(1).map((l) => [l.split(/\s+/)[0], l.split(/\s+/)]));
        expect([...rows.keys()].sort()).toEqual(["op-done", "op-done-ok", "op-fails", "op-running", "op-succeeds", "op-to-cancel"]);
        expect(rows.get("op-running")?.slice(1, 5)).toEqual([LOCATION, "my-cluster", "update", "RUNNING"]);
        expect(rows.get("op-done")?.slice(1, 5)).toEqual([LOCATION, "my-cluster", "create", "DONE"]);
        expect(emu.requests.filter((e) => e.rpc === "list").map((e) => e.url)).toEqual([`/gkemulticloud/v1/${PARENT}/operations?alt=json&pageSize=100`]);
    });

    test("wait for an operation that succeeds: exit 0, the done operation with its response", async () => {
        const r = await run("wait", "op-succeeds", `--location=${LOCATION}`);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain(`Waiting for operation ${op("op-succeeds")} to complete`);
        expect(errors(r)).toEqual([]);
        expect(r.stdout).toMatch(/^done: true$/m);
        expect(r.stdout).toContain("'@type': type.googleapis.com/google.cloud.gkemulticloud.v1.AwsCluster");
    });

    test("wait for an operation that fails: exit 1, metadata.errorDetail logged once, then the error", async () => {
        const r = await run("wait", "op-fails", `--location=${LOCATION}`);
        expect(r.code).toBe(1);
        expect(errors(r)).toEqual(["ERROR: cluster is busy", "ERROR: (gcloud.container.aws.operations.wait) cluster is busy"]);
    });

    test("cancel a running operation: exit 0, the request noted, the cancelled operation printed; wait then fails with one error line", async () => {
        const r = await run("cancel", "op-to-cancel", `--location=${LOCATION}`);
        expect(r.code).toBe(0);
        expect(r.stderr).toContain(`Cancelation of operation ${op("op-to-cancel")} has been requested.`);
        expect(r.stdout).toMatch(/^done: true$/m);
        expect(r.stdout).toMatch(/^error:\n {2}code: 1\n {2}message: Operation was cancelled\.$/m);
        expect(r.stdout).toContain("requestedCancellation: true");
        expect(r.stdout).not.toContain("errorDetail");
        expect(emu.requests.filter((e) => e.operation === op("op-to-cancel")).map((e) => `${e.method} ${e.status}`)).toEqual(["GET 200", "POST 200", "GET 200"]);
        const w = await run("wait", "op-to-cancel", `--location=${LOCATION}`);
        expect(w.code).toBe(1);
        expect(errors(w)).toEqual(["ERROR: (gcloud.container.aws.operations.wait) Operation was cancelled."]);
    });

    test("cancel a finished operation (gkemulticloud default): exit 1, FAILED_PRECONDITION", async () => {
        const r = await run("cancel", "op-done", `--location=${LOCATION}`);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain("ERROR: (gcloud.container.aws.operations.cancel) FAILED_PRECONDITION: Operation has already finished.");
        expect(r.stderr).toContain("reason: OPERATION_ALREADY_DONE");
        expect(r.stdout).toBe("");
    });

    test("cancel a finished operation of a service answering OK: exit 0, the operation unchanged", async () => {
        const r = await run("cancel", "op-done-ok", `--location=${LOCATION}`);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^done: true$/m);
        expect(r.stdout).not.toMatch(/^error:/m);
        expect(r.stdout).not.toContain("requestedCancellation");
        expect(r.stdout).toContain("response:");
    });
});
