import { OperationsEmulator } from "../../provider/testing";
import { OP, call, opPath, sleep, useEmulator } from "./helpers";

const cancel = (url: string, name = OP) => call(url, `${opPath(name)}:cancel`, { method: "POST", body: "{}" });
const get = (url: string, name = OP) => call(url, opPath(name));

describe("cancel semantics", () => {
    const { emu, url } = useEmulator();

    test("honoured: done at once with CANCELLED, requestedCancellation and endTime", async () => {
        emu().add({ name: OP });
        expect((await cancel(url())).json).toEqual({});
        const op = (await get(url())).json;
        expect(op.done).toBe(true);
        expect(op.error).toEqual({ code: 1, message: "Operation was cancelled." });
        expect(op).not.toHaveProperty("response");
        expect(op.metadata.requestedCancellation).toBe(true);
        expect(Date.parse(op.metadata.endTime)).toBeGreaterThanOrEqual(Date.parse(op.metadata.createTime));
    });

    test("honoured after cancelTakesMs: running with requestedCancellation, then cancelled", async () => {
        // 1 s between the cancel and its effect: the repeated cancel below must land inside it even on a loaded machine
        emu().add({ name: OP, cancelTakesMs: 1000 });
        await cancel(url());
        const during = (await get(url())).json;
        expect(during).not.toHaveProperty("done");
        expect(during.metadata.requestedCancellation).toBe(true);
        expect(during.metadata).not.toHaveProperty("endTime");
        // a repeated cancel is accepted and does not restart the clock: done ~1000 ms after the first cancel,
        // where a restarted clock would need ~1500 ms
        await sleep(500);
        expect((await cancel(url())).status).toBe(200);
        await sleep(600);
        const after = (await get(url())).json;
        expect(after.done).toBe(true);
        expect(after.error.code).toBe(1);
    });

    test("a natural finish before a slow cancel takes effect wins", async () => {
        emu().add({ name: OP, doneAfterMs: 60, cancelTakesMs: 5000 });
        await cancel(url());
        await sleep(90);
        const op = (await get(url())).json;
        expect(op.done).toBe(true);
        expect(op).not.toHaveProperty("error");
        expect(op.response["@type"]).toBe("type.googleapis.com/google.cloud.deploy.v1.DeliveryPipeline");
        expect(op.metadata.requestedCancellation).toBe(true);
    });

    test("ignored: flagged but goes on to its scripted result", async () => {
        emu().add({ name: OP, cancel: "ignore", doneAfterMs: 80, result: { error: { code: "INTERNAL", message: "boom" } } });
        expect((await cancel(url())).status).toBe(200);
        const during = (await get(url())).json;
        expect(during).not.toHaveProperty("done");
        expect(during.metadata.requestedCancellation).toBe(true);
        await sleep(100);
        const after = (await get(url())).json;
        expect(after.done).toBe(true);
        expect(after.error).toEqual({ code: 13, message: "boom" });
    });

    test("after done, failed-precondition (default): 400 FAILED_PRECONDITION, result untouched", async () => {
        emu().add({ name: OP, doneAfterMs: 0 });
        await sleep(2);
        const r = await cancel(url());
        expect(r.status).toBe(400);
        expect(r.json.error.status).toBe("FAILED_PRECONDITION");
        expect(r.json.error.message).toBe("Operation has already finished.");
        const op = (await get(url())).json;
        expect(op.done).toBe(true);
        expect(op.response).toEqual({ "@type": "type.googleapis.com/google.cloud.deploy.v1.DeliveryPipeline", name: op.metadata.target });
        expect(op).not.toHaveProperty("error");
        expect(op.metadata).not.toHaveProperty("requestedCancellation");
    });

    test("after a cancel, a second cancel says it was already cancelled", async () => {
        emu().add({ name: OP });
        await cancel(url());
        const r = await cancel(url());
        expect(r.status).toBe(400);
        expect(r.json.error.message).toBe("Operation has already been cancelled.");
    });

    test("after done, ok: 200 {} and no change", async () => {
        emu().add({ name: OP, doneAfterMs: 0, afterDoneCancel: "ok" });
        await sleep(2);
        const r = await cancel(url());
        expect(r.status).toBe(200);
        expect(r.json).toEqual({});
        expect((await get(url())).json.error).toBeUndefined();
    });

    test("unimplemented: 501 UNIMPLEMENTED, operation keeps running", async () => {
        emu().add({ name: OP, unimplemented: true });
        const r = await cancel(url());
        expect(r.status).toBe(501);
        expect(r.json.error).toMatchObject({ code: 501, status: "UNIMPLEMENTED" });
        const op = (await get(url())).json;
        expect(op).not.toHaveProperty("done");
        expect(op.metadata).not.toHaveProperty("requestedCancellation");
    });

    test.each(["get", "cancel", "delete"] as const)("denied %s: 403 IAM_PERMISSION_DENIED naming the permission", async (rpc) => {
        emu().add({ name: OP, denied: [rpc] });
        const method = rpc === "get" ? "GET" : rpc === "delete" ? "DELETE" : "POST";
        const path = rpc === "cancel" ? `${opPath(OP)}:cancel` : opPath(OP);
        const r = await call(url(), path, { method, body: rpc === "cancel" ? "{}" : undefined });
        expect(r.status).toBe(403);
        expect(r.json.error.status).toBe("PERMISSION_DENIED");
        expect(r.json.error.message).toBe(`Permission 'clouddeploy.operations.${rpc}' denied on resource '//clouddeploy.googleapis.com/${OP}' (or it may not exist).`);
        expect(r.json.error.details[0]).toMatchObject({ reason: "IAM_PERMISSION_DENIED", domain: "clouddeploy.googleapis.com", metadata: { permission: `clouddeploy.operations.${rpc}` } });
        expect(emu().get(OP)).toMatchObject({ name: OP });
        expect(emu().get(OP)).not.toHaveProperty("done");
    });

    test("denied list: 403 on the parent with gkemulticloud permission", async () => {
        emu().add({ name: OP, service: "gkemulticloud", denied: ["list"] });
        const r = await call(url(), "/v1/projects/my-project/locations/us-central1/operations");
        expect(r.status).toBe(403);
        expect(r.json.error.details[0].metadata.permission).toBe("gkemulticloud.operations.list");
        expect(r.json.error.message).toContain("'//gkemulticloud.googleapis.com/projects/my-project/locations/us-central1'");
    });

    test("natural finish with the default response shaped like the service", async () => {
        emu().addMany(
            { name: OP, doneAfterMs: 20 },
            { name: `${OP}-gke`, service: "gkemulticloud", doneAfterMs: 20 },
            { name: `${OP}-del`, service: "gkemulticloud", verb: "delete", doneAfterMs: 20 },
            { name: `${OP}-fail`, service: "gkemulticloud", doneAfterMs: 20, result: { error: { code: 9, message: "cluster is busy" } } },
            { name: `${OP}-other`, service: "redis", doneAfterMs: 20, result: { response: { "@type": "type.googleapis.com/google.cloud.redis.v1.Instance", name: "x" } } },
        );
        expect((await get(url())).json).not.toHaveProperty("done");
        await sleep(40);
        const deploy = (await get(url())).json;
        expect(deploy).toMatchObject({ done: true, response: { "@type": "type.googleapis.com/google.cloud.deploy.v1.DeliveryPipeline", name: deploy.metadata.target } });
        expect(Date.parse(deploy.metadata.endTime)).toBeGreaterThanOrEqual(Date.parse(deploy.metadata.createTime));
        expect(Date.now() - Date.parse(deploy.metadata.endTime)).toBeLessThan(60_000);
        const gke = (await get(url(), `${OP}-gke`)).json;
        expect(gke.metadata["@type"]).toBe("type.googleapis.com/google.cloud.gkemulticloud.v1.OperationMetadata");
        expect(gke.metadata.target).toMatch(/^projects\/\d{12}\/locations\/us-central1\/awsClusters\//);
        expect(gke.response["@type"]).toBe("type.googleapis.com/google.cloud.gkemulticloud.v1.AwsCluster");
        expect((await get(url(), `${OP}-del`)).json.response).toEqual({ "@type": "type.googleapis.com/google.protobuf.Empty" });
        const fail = (await get(url(), `${OP}-fail`)).json;
        expect(fail.error).toEqual({ code: 9, message: "cluster is busy" });
        expect(fail.metadata.errorDetail).toBe("cluster is busy");
        const other = (await get(url(), `${OP}-other`)).json;
        expect(other.metadata["@type"]).toBe("type.googleapis.com/google.cloud.common.OperationMetadata");
        expect(other.response.name).toBe("x");
    });

    test("metadata overrides, createTime and 404 for unknown operations", async () => {
        emu().add({ name: OP, createTime: "2024-01-02T03:04:05Z", metadata: { statusMessage: "Deploying" } });
        const op = (await get(url())).json;
        expect(op.metadata.createTime).toBe("2024-01-02T03:04:05Z");
        expect(op.metadata.statusMessage).toBe("Deploying");
        expect((await cancel(url(), `${OP}-missing`)).status).toBe(404);
        expect((await call(url(), opPath(`${OP}-missing`), { method: "DELETE" })).status).toBe(404);
    });

    test("add() rejects invalid scripts and duplicates", () => {
        expect(() => emu().add({ name: "operations/x" })).toThrow(/name/);
        emu().add({ name: OP });
        expect(() => emu().add({ name: OP })).toThrow(/already exists/);
        expect(() => emu().add({ name: `${OP}2`, doneAfterMs: -1 })).toThrow(/doneAfterMs/);
    });
});

describe("unimplementedServices", () => {
    test("cancel answers 501 for operations of those services only", async () => {
        const emu = new OperationsEmulator({ unimplementedServices: ["aiplatform"] });
        const url = await emu.start();
        try {
            emu.add({ name: OP, service: "aiplatform" });
            emu.add({ name: `${OP}-b` });
            expect((await cancel(url)).status).toBe(501);
            expect((await cancel(url, `${OP}-b`)).status).toBe(200);
        } finally {
            await emu.stop();
        }
    });
});
