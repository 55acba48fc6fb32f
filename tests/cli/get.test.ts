import { EXIT, jsonOf, LOCATION, opName, PROJECT, runCli, useEmulator } from "./helpers";

const TARGET = "projects/123/locations/us-central1/deliveryPipelines/web";

describe("get", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("op-running"), target: TARGET, verb: "update" },
        { name: opName("op-done"), doneAfterMs: 0 },
        { name: opName("op-failed"), doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "render failed" } } },
    ]);

    it("shows a running operation as JSON, one document on stdout", async () => {
        const run = await runCli(["get", opName("op-running"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        const doc = jsonOf(run);
        expect(doc.name).toBe(opName("op-running"));
        expect(doc.outcome).toBe("RUNNING");
        expect(doc.summary).toMatchObject({ id: "op-running", state: "RUNNING", verb: "update", target: TARGET });
        expect(doc.operation.metadata.target).toBe(TARGET);
        expect(emu().count({ rpc: "get" })).toBe(1);
    });

    it("shows a table for people", async () => {
        const run = await runCli(["get", opName("op-failed"), "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toMatch(/^NAME\s+projects\/my-project\/locations\/us-central1\/operations\/op-failed$/m);
        expect(run.stdout).toMatch(/^STATE\s+FAILED$/m);
        expect(run.stdout).toMatch(/^ERROR\s+9: render failed$/m);
    });

    it.each([
        ["a full resource name", (id: string) => `//clouddeploy.googleapis.com/${opName(id)}`],
        ["an https API URL", (id: string) => `https://clouddeploy.googleapis.com/v1/${opName(id)}`],
    ])("accepts %s", async (_what, form) => {
        const run = await runCli(["get", form("op-done"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run)).toMatchObject({ name: opName("op-done"), outcome: "SUCCEEDED" });
    });

    it("completes a bare operation id with --project and --location", async () => {
        const run = await runCli(["get", "op-done", "--project", PROJECT, "--location", LOCATION, "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run).name).toBe(opName("op-done"));
    });

    it("completes a bare operation id from GOOGLE_CLOUD_PROJECT and GOOGLE_REGION", async () => {
        const run = await runCli(["get", "op-done", "--endpoint", url(), "--json"], { env: { GOOGLE_CLOUD_PROJECT: PROJECT, GOOGLE_REGION: LOCATION } });
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run).name).toBe(opName("op-done"));
    });

    it("exits 3 for an operation that does not exist, with a JSON error document", async () => {
        const run = await runCli(["get", opName("op-missing"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.NOT_FOUND);
        expect(jsonOf(run).error).toMatchObject({ exitCode: 3, httpStatus: 404, status: "NOT_FOUND", code: "ERR_GOOGLE_API" });
        expect(run.stderr).toMatch(/^error: get projects\/my-project\/locations\/us-central1\/operations\/op-missing failed: HTTP 404/m);
    });
});

describe("control characters from the server never reach the terminal raw", () => {
    const EVIL = "render failed \u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil";
    const { url } = useEmulator(() => [
        { name: opName("op-evil"), doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: EVIL } }, metadata: { statusMessage: EVIL, verb: "up\u001b[1Adate" } },
    ]);

    it("human output shows them as visible escapes", async () => {
        const run = await runCli(["get", opName("op-evil"), "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        // eslint-disable-next-line no-control-regex
        expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
        expect(run.stdout).toContain("render failed \\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202eevil");
        expect(run.stdout).toMatch(/^VERB\s+up\\u001b\[1Adate$/m);
    });

    it("--json escapes them, and the document still parses to the server's text", async () => {
        const run = await runCli(["get", opName("op-evil"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        // eslint-disable-next-line no-control-regex
        expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
        expect(jsonOf(run).operation.error.message).toBe(EVIL);
    });
});
