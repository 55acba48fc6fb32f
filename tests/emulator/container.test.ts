import { projectNumber } from "../../provider/testing";
import { call, sleep, useEmulator } from "./helpers";

const REGIONAL = "projects/my-project/locations/us-central1/operations/operation-1";
const ZONAL = "projects/my-project/zones/us-central1-a/operations/operation-2";
const ROOT = "https://container.googleapis.com/v1";
const NUMBER = projectNumber("my-project");

describe("GKE operations (google.container.v1.Operation)", () => {
    const { emu, url } = useEmulator();
    const get = (name: string) => call(url(), `/container/v1/${name}`);
    const cancel = (name: string, body = "{}") => call(url(), `/container/v1/${name}:cancel`, { method: "POST", body });

    test("a running regional operation: bare id, status, links with the project number, no endTime", async () => {
        emu().add({ service: "container", name: REGIONAL, operationType: "UPGRADE_NODES", createTime: "2026-01-02T03:04:05Z" });
        const r = await get(REGIONAL);
        expect(r.status).toBe(200);
        expect(r.json).toEqual({
            name: "operation-1",
            zone: "us-central1",
            operationType: "UPGRADE_NODES",
            status: "RUNNING",
            selfLink: `${ROOT}/projects/${NUMBER}/locations/us-central1/operations/operation-1`,
            targetLink: `${ROOT}/projects/${NUMBER}/locations/us-central1/clusters/cluster-1/nodePools/default-pool`,
            location: "us-central1",
            startTime: "2026-01-02T03:04:05Z",
        });
        expect(emu().get(REGIONAL, "container")).toEqual(r.json);
    });

    test("a zonal operation answers on the zones path and the locations path alike, selfLink in the zones form", async () => {
        emu().add({ name: ZONAL, operationType: "CREATE_CLUSTER", doneAfterMs: 0 });
        const viaZones = await get(ZONAL);
        const viaLocations = await get("projects/my-project/locations/us-central1-a/operations/operation-2");
        expect(viaZones.json).toEqual(viaLocations.json);
        expect(viaZones.json).toMatchObject({ status: "DONE", zone: "us-central1-a", selfLink: `${ROOT}/projects/${NUMBER}/zones/us-central1-a/operations/operation-2` });
        expect(viaZones.json.targetLink).toBe(`${ROOT}/projects/${NUMBER}/locations/us-central1-a/clusters/cluster-1`);
        expect(emu().requests.map((e) => e.rpc)).toEqual(["get", "get"]);
    });

    test("a scripted failure: DONE with error and the deprecated statusMessage; fields merge over the shape", async () => {
        emu().add({ service: "container", name: REGIONAL, doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "Node pool upgrade failed" } }, fields: { progress: { name: "pool-a", status: "DONE" } } });
        const op = (await get(REGIONAL)).json;
        expect(op.status).toBe("DONE");
        expect(op.error).toEqual({ code: 9, message: "Node pool upgrade failed" });
        expect(op.statusMessage).toBe("Node pool upgrade failed");
        expect(op.progress).toEqual({ name: "pool-a", status: "DONE" });
        expect(Date.parse(op.endTime)).toBeGreaterThanOrEqual(Date.parse(op.startTime));
    });

    test("cancel: {} then ABORTING for cancelTakesMs, then DONE with CANCELLED", async () => {
        emu().add({ service: "container", name: REGIONAL, cancelTakesMs: 150 });
        const c = await cancel(REGIONAL, JSON.stringify({ name: REGIONAL }));
        expect([c.status, c.json]).toEqual([200, {}]);
        expect((await get(REGIONAL)).json.status).toBe("ABORTING");
        await sleep(200);
        const done = (await get(REGIONAL)).json;
        expect(done).toMatchObject({ status: "DONE", statusMessage: "Operation was cancelled.", error: { code: 1, message: "Operation was cancelled." } });
    });

    test("cancel ignored: RUNNING stays; a done operation answers 400 FAILED_PRECONDITION; zonal cancel path too", async () => {
        emu().add({ service: "container", name: REGIONAL, cancel: "ignore" });
        emu().add({ name: ZONAL, doneAfterMs: 0 });
        expect((await cancel(REGIONAL)).status).toBe(200);
        expect((await get(REGIONAL)).json.status).toBe("RUNNING");
        const r = await cancel(ZONAL);
        expect(r.status).toBe(400);
        expect(r.json).toEqual({ error: { code: 400, message: "Operation operation-2 is already done.", status: "FAILED_PRECONDITION" } });
    });

    test("cancel body: CancelOperationRequest fields are accepted, others rejected naming the field", async () => {
        emu().add({ service: "container", name: REGIONAL });
        const bad = await cancel(REGIONAL, JSON.stringify({ force: true }));
        expect(bad.status).toBe(400);
        expect(bad.json.error.message).toContain('Unknown name "force"');
        expect((await cancel(REGIONAL, JSON.stringify({ projectId: "my-project", zone: "us-central1", operationId: "operation-1" }))).status).toBe(200);
    });

    test("unknown operation: 404 in GKE's form", async () => {
        const r = await get(REGIONAL);
        expect(r.status).toBe(404);
        expect(r.json).toEqual({ error: { code: 404, message: `Not found: ${REGIONAL}.`, status: "NOT_FOUND" } });
    });

    test("list: unpaged operations and missingZones; location - lists every location, zones/- too; other services left out", async () => {
        emu().add({ service: "container", name: REGIONAL });
        emu().add({ name: ZONAL });
        emu().add({ service: "container", name: "projects/other/locations/us-central1/operations/operation-3" });
        emu().add({ name: "projects/my-project/locations/us-central1/operations/deploy-op" });
        const ids = async (parent: string) => {
            const r = await call(url(), `/container/v1/${parent}/operations`);
            expect(r.json.missingZones).toEqual([]);
            return r.json.operations.map((o: { name: string }) => o.name);
        };
        expect(await ids("projects/my-project/locations/-")).toEqual(["operation-1", "operation-2"]);
        expect(await ids("projects/my-project/zones/-")).toEqual(["operation-1", "operation-2"]);
        expect(await ids("projects/my-project/locations/us-central1")).toEqual(["operation-1"]);
        expect(await ids("projects/my-project/zones/us-central1-a")).toEqual(["operation-2"]);
    });

    test("a zonal path routes to GKE on a loopback host without the service prefix", async () => {
        emu().add({ name: ZONAL });
        const r = await call(url(), `/v1/${ZONAL}`);
        expect(r.json.name).toBe("operation-2");
        expect(emu().requests[0].service).toBeUndefined();
    });
});
