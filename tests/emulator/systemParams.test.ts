import { OP, call, opPath, useEmulator } from "./helpers";

const PARENT = "projects/my-project/locations/us-central1";

describe("system parameters, as Google's front end takes them", () => {
    const { emu, url } = useEmulator();

    beforeEach(() => emu().add({ name: OP }));

    test.each([
        "alt=json",
        "$alt=json",
        "$alt=json%3Benum-encoding%3Dint",
        "$alt=json;enum-encoding=int",
        "alt=json;enum-encoding=int",
        "prettyPrint=true",
        "prettyPrint=false",
        "$prettyPrint=0",
        "quotaUser=someone",
        "$.xgafv=1",
        "$.xgafv=2",
        "fields=name",
        "$fields=name",
        "key=AIza-test",
        "alt=json&prettyPrint=false&quotaUser=q&$.xgafv=2&fields=name,metadata",
    ])("GET, POST :cancel and list accept %s", async (query) => {
        const get = await call(url(), `${opPath(OP)}?${query}`);
        expect(get.status).toBe(200);
        expect(get.json.name).toBe(OP);
        const list = await call(url(), `/v1/${PARENT}/operations?${query}`);
        expect(list.status).toBe(200);
        const cancel = await call(url(), `${opPath(OP)}:cancel?${query}`, { method: "POST", body: "{}" });
        expect(cancel.status).toBe(200);
        expect(cancel.json).toEqual({});
    });

    test("$alt=json;enum-encoding=int answers the same JSON as alt=json (no enums in an Operation)", async () => {
        const plain = await call(url(), `${opPath(OP)}?alt=json`);
        const numeric = await call(url(), `${opPath(OP)}?$alt=json;enum-encoding=int`);
        expect(numeric.headers.get("content-type")).toBe("application/json; charset=UTF-8");
        expect(numeric.json).toEqual(plain.json);
    });

    test("fields selects a partial response, keeping @type of a kept Any", async () => {
        const r = await call(url(), `${opPath(OP)}?fields=name,metadata/target`);
        expect(Object.keys(r.json).sort()).toEqual(["metadata", "name"]);
        expect(r.json.metadata).toEqual({ "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", target: expect.any(String) });
        emu().add({ name: `${OP}-2` });
        const list = await call(url(), `/v1/${PARENT}/operations?pageSize=1&fields=operations(name),nextPageToken`);
        expect(list.json.operations).toEqual([{ name: OP }]);
        expect(typeof list.json.nextPageToken).toBe("string");
        const none = await call(url(), `${opPath(OP)}?fields=done`);
        expect(none.json).toEqual({});
    });

    test("fields does not filter error answers", async () => {
        const r = await call(url(), `${opPath(`${OP}-missing`)}?fields=name`);
        expect(r.status).toBe(404);
        expect(r.json.error.status).toBe("NOT_FOUND");
    });

    test.each([
        ["alt=xml", "alt"],
        ["$alt=proto3", "alt"],
        ["$alt=json;enum-encoding=string", "alt"],
        ["prettyPrint=maybe", "pretty_print"],
        ["$.xgafv=3", "$.xgafv"],
        ["fields=name(", "fields"],
        ["fields=,", "fields"],
    ])("a bad value, %s: 400 INVALID_ARGUMENT naming %s", async (query, field) => {
        const r = await call(url(), `${opPath(OP)}?${query}`);
        expect(r.status).toBe(400);
        expect(r.json.error.status).toBe("INVALID_ARGUMENT");
        expect(r.json.error.details[0]).toEqual({ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field, description: r.json.error.message }] });
    });

    test.each(["enumEncoding=int", "pretty=false", "xgafv=2", "$filter=done", "quota_user=x"])("an unknown parameter, %s: 400 naming it", async (query) => {
        const name = query.split("=")[0];
        for (const path of [opPath(OP), `/v1/${PARENT}/operations`]) {
            const r = await call(url(), `${path}?${query}`);
            expect(r.status).toBe(400);
            expect(r.json.error.status).toBe("INVALID_ARGUMENT");
            expect(r.json.error.message).toBe(`Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`);
        }
    });
});
