/**
 * gcloud 528 as a conformance peer for google.longrunning under other name templates:
 * `gcloud spanner operations describe|list|cancel` (instance and database operations) and
 * `gcloud firestore operations describe|list|cancel`, against the emulator with the overrides
 * `spanner = …/spanner/` and `firestore = …/firestore/`.
 */
import { OperationsEmulator } from "../../provider/testing";
import { describeWithGcloud, errorLines, gcloudConfig, runGcloud, type GcloudConfig, type Run } from "./gcloudHarness";

const PROJECT = "my-project";
const INSTANCE = `projects/${PROJECT}/instances/inst`;
const DATABASE = `${INSTANCE}/databases/db`;
const FIRESTORE = `projects/${PROJECT}/databases/(default)`;
const DDL = "type.googleapis.com/google.spanner.admin.database.v1.UpdateDatabaseDdlMetadata";
const EXPORT = "type.googleapis.com/google.firestore.admin.v1.ExportDocumentsMetadata";

describeWithGcloud("gcloud spanner and firestore operations against the emulator", (gcloud) => {
    let emu: OperationsEmulator;
    let config: GcloudConfig;

    beforeAll(async () => {
        emu = new OperationsEmulator({
            seed: {
                operations: [
                    { name: `${DATABASE}/operations/_auto_ddl`, metadata: { "@type": DDL, database: DATABASE, statements: ["CREATE_INDEX_ON_T"] } },
                    { name: `${DATABASE}/operations/_auto_done`, doneAfterMs: 0, metadata: { "@type": DDL, database: DATABASE, statements: ["DROP_TABLE_T"] } },
                    { name: `${INSTANCE}/operations/instance-op` },
                    { name: `${FIRESTORE}/operations/ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg`, metadata: { "@type": EXPORT, operationState: "PROCESSING" } },
                    { name: `${FIRESTORE}/operations/done-export`, doneAfterMs: 0, metadata: { "@type": EXPORT, operationState: "SUCCESSFUL" } },
                ],
            },
        });
        const url = await emu.start();
        config = gcloudConfig(PROJECT, { spanner: `${url}/spanner/`, firestore: `${url}/firestore/` });
    });

    afterAll(async () => {
        await emu?.stop();
        config?.dispose();
    });

    const run = (...args: string[]): Promise<Run> => runGcloud(gcloud, config, args);
    const seen = (name: string) => emu.requests.filter((e) => e.operation === name).map((e) => `${e.method} ${e.url} ${e.status}`);

    test("spanner operations describe (database): exit 0, the operation with its DDL metadata; the service came from the name form", async () => {
        const r = await run("spanner", "operations", "describe", "_auto_ddl", "--instance=inst", "--database=db");
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`name: ${DATABASE}/operations/_auto_ddl`);
        expect(r.stdout).toContain(`'@type': ${DDL}`);
        expect(r.stdout).toContain("- CREATE_INDEX_ON_T");
        expect(r.stdout).not.toMatch(/^done:/m);
        expect(seen(`${DATABASE}/operations/_auto_ddl`)).toEqual([`GET /spanner/v1/${DATABASE}/operations/_auto_ddl?alt=json 200`]);
        expect(emu.get(`${DATABASE}/operations/_auto_ddl`, "spanner")?.name).toBe(`${DATABASE}/operations/_auto_ddl`);
    });

    test("spanner operations list (database): exit 0, gcloud's table with the statements and done", async () => {
        const r = await run("spanner", "operations", "list", "--instance=inst", "--database=db");
        expect(r.code).toBe(0);
        const lines = r.stdout.trim().split("\n");
        expect(lines[0].split(/\s+/)).toEqual(["OPERATION_ID", "STATEMENTS", "DONE", "@TYPE"]);
        expect(lines.slice(1).map((l) => l.split(/\s+/))).toEqual([
            ["_auto_ddl", "CREATE_INDEX_ON_T", "False", "UpdateDatabaseDdlMetadata"],
            ["_auto_done", "DROP_TABLE_T", "True", "UpdateDatabaseDdlMetadata"],
        ]);
        expect(emu.requests.filter((e) => e.rpc === "list" && e.operation === DATABASE).map((e) => `${e.url} ${e.status}`)).toEqual([`/spanner/v1/${DATABASE}/operations?alt=json&pageSize=100 200`]);
    });

    test("spanner operations list (instance): only the instance's own operations", async () => {
        const r = await run("spanner", "operations", "list", "--instance=inst");
        expect(r.code).toBe(0);
        expect(r.stdout.trim().split("\n").slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["instance-op"]);
    });

    test("spanner operations describe of an unknown operation: exit 1, NOT_FOUND with spanner's ErrorInfo", async () => {
        const r = await run("spanner", "operations", "describe", "missing", "--instance=inst");
        expect(r.code).toBe(1);
        expect(errorLines(r)[0]).toContain(`NOT_FOUND: Operation not found: ${INSTANCE}/operations/missing`);
        expect(r.stderr).toContain("domain: spanner.googleapis.com");
    });

    test("spanner operations cancel (instance): exit 0, POST :cancel; the operation ends CANCELLED", async () => {
        const name = `${INSTANCE}/operations/instance-op`;
        const r = await run("spanner", "operations", "cancel", "instance-op", "--instance=inst");
        expect(r.code).toBe(0);
        expect(seen(name)).toEqual([`POST /spanner/v1/${name}:cancel?alt=json 200`]);
        expect(emu.get(name)).toMatchObject({ done: true, error: { code: 1 } });
    });

    test("spanner operations cancel of a finished operation: exit 0 (Spanner's documented OK)", async () => {
        const r = await run("spanner", "operations", "cancel", "_auto_done", "--instance=inst", "--database=db");
        expect(r.code).toBe(0);
        expect(emu.get(`${DATABASE}/operations/_auto_done`)).toMatchObject({ done: true });
        expect(emu.get(`${DATABASE}/operations/_auto_done`)?.error).toBeUndefined();
    });

    test("firestore operations describe: exit 0, the operation; list: both of the database's operations", async () => {
        const d = await run("firestore", "operations", "describe", "ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg");
        expect(d.code).toBe(0);
        expect(d.stdout).toContain(`name: ${FIRESTORE}/operations/ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg`);
        expect(d.stdout).toContain("operationState: PROCESSING");
        const l = await run("firestore", "operations", "list");
        expect(l.code).toBe(0);
        expect(l.stdout.match(/^name: .*$/gm)).toEqual([`name: ${FIRESTORE}/operations/ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg`, `name: ${FIRESTORE}/operations/done-export`]);
        expect(emu.requests.filter((e) => e.rpc === "list" && e.operation === FIRESTORE).map((e) => `${e.url} ${e.status}`)).toEqual([`/firestore/v1/${FIRESTORE}/operations?alt=json&pageSize=100 200`]);
    });

    test("firestore operations cancel: exit 0, POST :cancel with the empty request body; the operation ends CANCELLED", async () => {
        const name = `${FIRESTORE}/operations/ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg`;
        const r = await run("firestore", "operations", "cancel", "ASA3NDEwOTg0NjExhgdlbWl0c3UaEjAKGhIhCg", "--quiet");
        expect(r.code).toBe(0);
        const post = emu.requests.filter((e) => e.method === "POST" && e.operation === name);
        expect(post.map((e) => [e.url, e.body, e.status])).toEqual([[`/firestore/v1/${name}:cancel?alt=json`, "{}", 200]]);
        expect(emu.get(name)).toMatchObject({ done: true, error: { code: 1, message: "Operation was cancelled." } });
    });

    test("firestore operations cancel of a finished operation: exit 1, FAILED_PRECONDITION (the generic default)", async () => {
        const r = await run("firestore", "operations", "cancel", "done-export", "--quiet");
        expect(r.code).toBe(1);
        expect(errorLines(r)[0]).toContain("FAILED_PRECONDITION: Operation has already finished.");
    });
});
