import { OP, call, opPath, useEmulator } from "./helpers";

describe("emulator routes", () => {
    const { emu, url } = useEmulator();

    beforeEach(() => emu().add({ name: OP }));

    test("GET an operation: wire shape, JSON content type, done omitted while running", async () => {
        const r = await call(url(), opPath(OP));
        expect(r.status).toBe(200);
        expect(r.headers.get("content-type")).toBe("application/json; charset=UTF-8");
        expect(r.json.name).toBe(OP);
        expect(r.json).not.toHaveProperty("done");
        expect(r.json).not.toHaveProperty("error");
        expect(r.json).not.toHaveProperty("response");
        expect(r.json.metadata["@type"]).toBe("type.googleapis.com/google.cloud.deploy.v1.OperationMetadata");
        expect(r.json.metadata.target).toMatch(/^projects\/\d{12}\/locations\/us-central1\/deliveryPipelines\//);
        expect(r.json.metadata).not.toHaveProperty("requestedCancellation");
        expect(r.text).toContain('\n  "name"'); // pretty-printed by default, like Google
    });

    test.each(["v1", "v2", "v3", "v1beta1", "v1alpha"])("any API version segment: %s", async (v) => {
        expect((await call(url(), opPath(OP, v))).status).toBe(200);
        expect(emu().requests.at(-1)?.rpc).toBe("get");
    });

    test("system parameters are accepted; prettyPrint=false gives compact JSON", async () => {
        const r = await call(url(), `${opPath(OP)}?alt=json&prettyPrint=false&$.xgafv=2&quotaUser=x&fields=name`);
        expect(r.status).toBe(200);
        expect(r.text).toBe(JSON.stringify(r.json));
        const c = await call(url(), `${opPath(OP)}:cancel?$alt=json&prettyPrint=false`, { method: "POST", body: "{}" });
        expect(c.status).toBe(200);
        expect(c.json).toEqual({});
    });

    test("an unknown query parameter is rejected like Google's transcoder", async () => {
        const r = await call(url(), `${opPath(OP)}?bogus=1`);
        expect(r.status).toBe(400);
        expect(r.json.error.status).toBe("INVALID_ARGUMENT");
        expect(r.json.error.message).toContain('Unknown name "bogus": Cannot bind query parameter');
        expect(r.json.error.details[0]["@type"]).toBe("type.googleapis.com/google.rpc.BadRequest");
    });

    test("cancel accepts no body, {} and whitespace; answers {}", async () => {
        for (const body of [undefined, "{}", " { } "]) {
            emu().remove(OP);
            emu().add({ name: OP });
            const r = await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body });
            expect(r.status).toBe(200);
            expect(r.json).toEqual({});
        }
        expect(emu().count({ rpc: "cancel", operation: OP })).toBe(3);
    });

    test("cancel rejects a body with fields or invalid JSON with 400 INVALID_ARGUMENT", async () => {
        const unknown = await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: '{"force": true}' });
        expect(unknown.status).toBe(400);
        expect(unknown.json.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
        expect(unknown.json.error.message).toBe('Invalid JSON payload received. Unknown name "force": Cannot find field.');
        const broken = await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: "{nope" });
        expect(broken.status).toBe(400);
        expect(broken.json.error.message).toMatch(/^Invalid JSON payload received\./);
        // a rejected cancel must not have cancelled
        expect(emu().get(OP)?.done).toBeUndefined();
        expect(emu().get(OP)?.metadata).not.toHaveProperty("requestedCancellation");
    });

    test("DELETE removes without cancelling; later GET is 404", async () => {
        const r = await call(url(), opPath(OP), { method: "DELETE" });
        expect(r.status).toBe(200);
        expect(r.json).toEqual({});
        expect(emu().get(OP)).toBeUndefined();
        const g = await call(url(), opPath(OP));
        expect(g.status).toBe(404);
        expect(g.json.error).toMatchObject({ code: 404, status: "NOT_FOUND", message: `Operation not found: ${OP}` });
        expect(g.json.error.details[0]).toMatchObject({ "@type": "type.googleapis.com/google.rpc.ErrorInfo", domain: "clouddeploy.googleapis.com" });
    });

    test("remove() simulates expiry", async () => {
        expect(emu().remove(OP)).toBe(true);
        expect(emu().remove(OP)).toBe(false);
        expect((await call(url(), opPath(OP))).status).toBe(404);
    });

    test("unknown paths answer Google's HTML 404", async () => {
        for (const path of ["/v1/projects/p", "/", "/v1/projects/p/locations/l/things/x", "/notaversion/projects/p/locations/l/operations/x", "/v1/projects/p/locations/l/operations/x/extra"]) {
            const r = await call(url(), path);
            expect(r.status).toBe(404);
            expect(r.headers.get("content-type")).toBe("text/html; charset=UTF-8");
            expect(r.text).toContain("Error 404 (Not Found)");
            expect(r.text).toContain("was not found on this server");
        }
    });

    test("a wrong method or custom verb is a 404 (no such binding)", async () => {
        const cases: Array<[string, string]> = [
            ["POST", opPath(OP)],
            ["PUT", opPath(OP)],
            ["PATCH", opPath(OP)],
            ["GET", `${opPath(OP)}:cancel`],
            ["DELETE", `${opPath(OP)}:cancel`],
            ["POST", `${opPath(OP)}:wait`],
            ["POST", "/v1/projects/my-project/locations/us-central1/operations"],
        ];
        for (const [method, path] of cases) {
            const r = await call(url(), path, { method, body: method === "GET" || method === "DELETE" ? undefined : "{}" });
            expect([method, path, r.status]).toEqual([method, path, 404]);
            expect(r.json).toBeUndefined();
        }
        expect(emu().get(OP)?.metadata).not.toHaveProperty("requestedCancellation");
    });

    test("percent-encoded segments are decoded one by one", async () => {
        emu().add({ name: "projects/my-project/locations/us-central1/operations/op with space" });
        const r = await call(url(), "/v1/projects/my%2Dproject/locations/us-central1/operations/op%20with%20space");
        expect(r.status).toBe(200);
        expect(r.json.name).toBe("projects/my-project/locations/us-central1/operations/op with space");
        expect(emu().requests.at(-1)?.operation).toBe("projects/my-project/locations/us-central1/operations/op with space");
    });

    test("an encoded slash cannot smuggle a different name; a bad escape is a 400", async () => {
        const slash = await call(url(), "/v1/projects/my-project/locations/us-central1%2Foperations%2Foperation-1/operations/x");
        expect(slash.status).toBe(404);
        const slashId = await call(url(), "/v1/projects/my-project/locations/us-central1/operations/a%2Fb");
        expect(slashId.status).toBe(404);
        expect(slashId.json.error.status).toBe("NOT_FOUND");
        const bad = await call(url(), "/v1/projects/my-project/locations/us-central1/operations/%E0%A4%A");
        expect(bad.status).toBe(400);
        expect(bad.headers.get("content-type")).toContain("text/html");
    });

    test("every request is logged with its RPC and operation", async () => {
        emu().resetLog();
        await call(url(), opPath(OP));
        await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: "{}" });
        await call(url(), "/v1/projects/my-project/locations/us-central1/operations");
        await call(url(), "/v1/nowhere");
        await call(url(), opPath(OP), { method: "DELETE" });
        expect(emu().requests.map((e) => [e.method, e.rpc, e.status])).toEqual([
            ["GET", "get", 200],
            ["POST", "cancel", 200],
            ["GET", "list", 200],
            ["GET", undefined, 404],
            ["DELETE", "delete", 200],
        ]);
        expect(emu().count()).toBe(5);
        expect(emu().count({ operation: OP })).toBe(3);
        expect(emu().count({ rpc: "list", operation: "projects/my-project/locations/us-central1" })).toBe(1);
        expect(emu().requests.map((e) => e.seq)).toEqual([...emu().requests.map((e) => e.seq)].sort((a, b) => a - b));
    });
});
