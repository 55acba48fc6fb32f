import { call, useEmulator } from "./helpers";

const op = (id: string) => `projects/my-project/operations/${id}`;

describe("Cloud SQL operations (sql#operation)", () => {
    const { emu, url } = useEmulator();

    test("get on v1 and on sql/v1beta4: the same operation, links in the version asked", async () => {
        emu().add({ service: "sqladmin", name: op("u-1"), targetId: "db-1", operationType: "EXPORT", createTime: "2026-01-02T03:04:05Z", fields: { exportContext: { uri: "gs://b/o.sql" } } });
        const v1 = (await call(url(), `/sqladmin/v1/${op("u-1")}`)).json;
        expect(v1).toEqual({
            kind: "sql#operation",
            targetLink: "https://sqladmin.googleapis.com/v1/projects/my-project/instances/db-1",
            status: "RUNNING",
            user: "user@example.com",
            insertTime: "2026-01-02T03:04:05Z",
            startTime: "2026-01-02T03:04:05Z",
            operationType: "EXPORT",
            name: "u-1",
            targetId: "db-1",
            selfLink: "https://sqladmin.googleapis.com/v1/projects/my-project/operations/u-1",
            targetProject: "my-project",
            exportContext: { uri: "gs://b/o.sql" },
        });
        const beta = (await call(url(), `/sql/v1beta4/${op("u-1")}`)).json;
        expect(beta.selfLink).toBe("https://sqladmin.googleapis.com/sql/v1beta4/projects/my-project/operations/u-1");
        expect(emu().requests.map((e) => e.service)).toEqual(["sqladmin", "sqladmin"]);
        expect(emu().get(op("u-1"), "sqladmin")).toEqual(v1);
    });

    test("failure: error.errors[] with the scripted code string; cancel: POST …/cancel answers {} and it ends DONE with OPERATION_CANCELLED", async () => {
        emu().add({ service: "sqladmin", name: op("f"), doneAfterMs: 0, result: { error: { code: "ERROR_RDBMS", message: "syntax error" } } });
        emu().add({ service: "sqladmin", name: op("c") });
        expect((await call(url(), `/sqladmin/v1/${op("f")}`)).json.error).toEqual({ kind: "sql#operationErrors", errors: [{ kind: "sql#operationError", code: "ERROR_RDBMS", message: "syntax error" }] });
        const c = await call(url(), `/sqladmin/v1/${op("c")}/cancel`, { method: "POST" });
        expect([c.status, c.json]).toEqual([200, {}]);
        const after = (await call(url(), `/sqladmin/v1/${op("c")}`)).json;
        expect(after.status).toBe("DONE");
        expect(after.error.errors[0].code).toBe("OPERATION_CANCELLED");
        // `:cancel` is not Cloud SQL's spelling
        expect((await call(url(), `/sqladmin/v1/${op("c")}:cancel`, { method: "POST" })).status).toBe(404);
    });

    test("errors: 404 and cancel-after-done in Cloud SQL's body (errors[] with domain and reason)", async () => {
        emu().add({ service: "sqladmin", name: op("d"), doneAfterMs: 0 });
        const missing = await call(url(), `/sqladmin/v1/${op("none")}`);
        expect([missing.status, missing.json]).toEqual([404, { error: { code: 404, message: "The Cloud SQL instance operation does not exist.", errors: [{ message: "The Cloud SQL instance operation does not exist.", domain: "global", reason: "operationDoesNotExist" }] } }]);
        const done = await call(url(), `/sqladmin/v1/${op("d")}/cancel`, { method: "POST" });
        expect(done.status).toBe(400);
        expect(done.json.error.errors[0].reason).toBe("invalidOperation");
    });

    test("list: by instance, newest first, maxResults pages with nextPageToken; a foreign token is refused", async () => {
        for (const id of ["a", "b", "c"]) emu().add({ service: "sqladmin", name: op(id), targetId: "db-1" });
        emu().add({ service: "sqladmin", name: op("x"), targetId: "db-2" });
        const list = (q: string) => call(url(), `/sqladmin/v1/projects/my-project/operations?${q}`);
        const p1 = (await list("instance=db-1&maxResults=2")).json;
        expect(p1.kind).toBe("sql#operationsList");
        expect(p1.items.map((o: { name: string }) => o.name)).toEqual(["c", "b"]);
        const p2 = (await list(`instance=db-1&maxResults=2&pageToken=${p1.nextPageToken}`)).json;
        expect(p2.items.map((o: { name: string }) => o.name)).toEqual(["a"]);
        expect(p2).not.toHaveProperty("nextPageToken");
        expect((await list(`instance=db-2&pageToken=${p1.nextPageToken}`)).status).toBe(400);
        expect((await list("instance=db-1&pageSize=2")).status).toBe(400);
    });

    test("a Datastore operation shares the name form: the path prefix and the cancel spelling pick the service", async () => {
        emu().add({ service: "sqladmin", name: op("same") });
        emu().add({ service: "datastore", name: op("same") });
        expect((await call(url(), `/sqladmin/v1/${op("same")}`)).json.kind).toBe("sql#operation");
        expect((await call(url(), `/datastore/v1/${op("same")}`)).json.name).toBe(op("same"));
        expect((await call(url(), `/v1/${op("same")}:cancel`, { method: "POST" })).status).toBe(200);
        expect(emu().get(op("same"), "datastore")).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu().get(op("same"), "sqladmin")?.status).toBe("RUNNING");
        expect((await call(url(), "/datastore/v1/projects/my-project/operations")).json.operations.map((o: { name: string }) => o.name)).toEqual([op("same")]);
    });
});

describe("google.longrunning under other name templates", () => {
    const { emu, url } = useEmulator();

    test.each([
        ["spanner", "projects/p/instances/i/backups/b/operations/o1", "projects/p/instances/i/backups/b"],
        ["spanner", "projects/p/instanceConfigs/c/operations/o2", "projects/p/instanceConfigs/c"],
        ["firestore", "projects/p/databases/(default)/operations/o3", "projects/p/databases/(default)"],
        ["datastore", "projects/p/operations/o4", "projects/p"],
        ["healthcare", "projects/p/locations/us/datasets/d/operations/o5", "projects/p/locations/us/datasets/d"],
    ])("%s %s: get, list under its parent, cancel with :cancel; the service follows from the name form", async (service, name, parent) => {
        emu().add({ name, ...(service === "datastore" ? { service } : {}) });
        expect((await call(url(), `/v1/${name}`)).json.name).toBe(name);
        expect((await call(url(), `/v1/${parent}/operations`)).json.operations.map((o: { name: string }) => o.name)).toEqual([name]);
        expect((await call(url(), `/v1/${name}:cancel`, { method: "POST", body: "{}" })).json).toEqual({});
        expect(emu().get(name, service)).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu().requests.map((e) => `${e.rpc} ${e.status}`)).toEqual(["get 200", "list 200", "cancel 200"]);
    });

    test("a name of no template is refused naming the forms; a form of another service is refused naming the service's forms", () => {
        expect(() => emu().add({ name: "projects/p/widgets/w/operations/o" })).toThrow(/operation\.name: must look like one of projects\/\*\/locations\/\*\/operations\/\*/);
        expect(() => emu().add({ service: "sqladmin", name: "projects/p/locations/l/operations/o" })).toThrow('must look like projects/*/operations/* for service "sqladmin"');
        expect(() => emu().add({ name: "projects/p/operations/o" })).toThrow(/several services \(sqladmin, datastore\): give "service"/);
    });
});
