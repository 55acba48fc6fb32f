/**
 * gcloud 528 as a conformance peer for Cloud SQL: `gcloud sql operations describe|cancel|list|wait`
 * against the emulator's `sqladmin` shape. gcloud's sqladmin client is v1beta4 under the root `sql/`
 * (generated_clients/apis/sqladmin/v1beta4: `sql/v1beta4/projects/{project}/operations/...`), so the
 * override `sql = http://127.0.0.1:PORT/sqladmin/` makes it ask `/sqladmin/sql/v1beta4/...`.
 */
import { OperationsEmulator } from "../../provider/testing";
import { describeWithGcloud, errorLines, gcloudConfig, runGcloud, type GcloudConfig, type Run } from "./gcloudHarness";

const PROJECT = "my-project";
const op = (id: string) => `projects/${PROJECT}/operations/${id}`;
const ROOT = "https://sqladmin.googleapis.com/sql/v1beta4";

describeWithGcloud("gcloud sql operations against the emulator", (gcloud) => {
    let emu: OperationsEmulator;
    let config: GcloudConfig;

    beforeAll(async () => {
        const sql = { service: "sqladmin", targetId: "db-1" };
        emu = new OperationsEmulator({
            seed: {
                operations: [
                    { ...sql, name: op("0a1b-import"), operationType: "IMPORT", user: "ops@example.com" },
                    { ...sql, name: op("0a1b-export"), operationType: "EXPORT", doneAfterMs: 0 },
                    { ...sql, name: op("0a1b-failed"), operationType: "IMPORT", doneAfterMs: 0, result: { error: { code: "ERROR_RDBMS", message: "import failed: syntax error" } } },
                    { ...sql, name: op("0a1b-to-cancel"), operationType: "IMPORT" },
                    { service: "sqladmin", targetId: "db-2", name: op("0a1b-other-instance"), operationType: "RESTART", doneAfterMs: 0 },
                ],
            },
        });
        const url = await emu.start();
        config = gcloudConfig(PROJECT, { sql: `${url}/sqladmin/` });
    });

    afterAll(async () => {
        await emu?.stop();
        config?.dispose();
    });

    const run = (...args: string[]): Promise<Run> => runGcloud(gcloud, config, ["sql", "operations", ...args]);
    const seen = (name: string) => emu.requests.filter((e) => e.operation === name).map((e) => `${e.method} ${e.url} ${e.status}`);

    test("describe: exit 0, the sql#operation as YAML with v1beta4 links", async () => {
        const r = await run("describe", "0a1b-import");
        expect(r.code).toBe(0);
        expect(errorLines(r)).toEqual([]);
        expect(r.stdout).toMatch(/^kind: sql#operation$/m);
        expect(r.stdout).toMatch(/^name: 0a1b-import$/m);
        expect(r.stdout).toMatch(/^status: RUNNING$/m);
        expect(r.stdout).toMatch(/^operationType: IMPORT$/m);
        expect(r.stdout).toMatch(/^targetId: db-1$/m);
        expect(r.stdout).toMatch(/^user: ops@example.com$/m);
        expect(r.stdout).toContain(`selfLink: ${ROOT}/projects/${PROJECT}/operations/0a1b-import`);
        expect(r.stdout).toContain(`targetLink: ${ROOT}/projects/${PROJECT}/instances/db-1`);
        expect(seen(op("0a1b-import"))).toEqual([`GET /sqladmin/sql/v1beta4/${op("0a1b-import")}?alt=json 200`]);
    });

    test("describe an unknown operation: exit 1, Cloud SQL's 404 message", async () => {
        const r = await run("describe", "0a1b-missing");
        expect(r.code).toBe(1);
        expect(errorLines(r)[0]).toBe(`ERROR: (gcloud.sql.operations.describe) HTTPError 404: The Cloud SQL instance operation does not exist. This command is authenticated with an access token from ${config.tokenFile} specified by the [auth/access_token_file] property.`);
    });

    test("list --instance: exit 0, that instance's operations newest first, with the error code column", async () => {
        const r = await run("list", "--instance=db-1");
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0].split(/\s+/)).toEqual(["NAME", "TYPE", "START", "END", "ERROR", "STATUS"]);
        const rows = lines.slice(1).map((l) => l.split(/\s+/));
        expect(rows.map((c) => c[0])).toEqual(["0a1b-to-cancel", "0a1b-failed", "0a1b-export", "0a1b-import"]);
        expect(rows.find((c) => c[0] === "0a1b-failed")?.slice(-2)).toEqual(["ERROR_RDBMS", "DONE"]);
        expect(rows.find((c) => c[0] === "0a1b-export")?.slice(-2)).toEqual(["-", "DONE"]);
        expect(rows.find((c) => c[0] === "0a1b-import")?.slice(-2)).toEqual(["-", "RUNNING"]);
        expect(emu.requests.filter((e) => e.rpc === "list").map((e) => `${e.url} ${e.status}`)).toEqual([`/sqladmin/sql/v1beta4/projects/${PROJECT}/operations?alt=json&instance=db-1&maxResults=100 200`]);
    });

    test("wait for a failed operation: exit 1, gcloud prints [code] message from error.errors[0]", async () => {
        const r = await run("wait", "0a1b-failed");
        expect(r.code).toBe(1);
        expect(errorLines(r)).toEqual(["ERROR: (gcloud.sql.operations.wait) [ERROR_RDBMS] import failed: syntax error"]);
    });

    test("wait for a finished operation: exit 0, its row", async () => {
        const r = await run("wait", "0a1b-export");
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split("\n")[1].split(/\s+/)).toEqual(expect.arrayContaining(["0a1b-export", "EXPORT", "DONE"]));
    });

    test("cancel a running operation: exit 0, POST …/cancel without a body; it ends DONE with the cancellation error", async () => {
        const r = await run("cancel", "0a1b-to-cancel", "--quiet");
        expect(r.code).toBe(0);
        expect(r.stderr).toContain("Cancellation issued on [0a1b-to-cancel].");
        const name = op("0a1b-to-cancel");
        expect(seen(name)).toEqual([`POST /sqladmin/sql/v1beta4/${name}/cancel?alt=json 200`]);
        expect(emu.requests.find((e) => e.operation === name)?.body).toBe("");
        const w = await run("wait", "0a1b-to-cancel");
        expect(w.code).toBe(1);
        expect(errorLines(w)).toEqual(["ERROR: (gcloud.sql.operations.wait) [OPERATION_CANCELLED] Operation was cancelled."]);
    });

    test("cancel a finished operation: exit 1, Cloud SQL's 400", async () => {
        const r = await run("cancel", "0a1b-export", "--quiet");
        expect(r.code).toBe(1);
        expect(errorLines(r)).toEqual(["ERROR: (gcloud.sql.operations.cancel) HTTPError 400: The operation has already completed and cannot be cancelled."]);
    });
});
