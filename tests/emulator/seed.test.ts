import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { OperationsEmulator, runEmulatorCommand, SeedError, validateSeed } from "../../provider/testing";
import { call } from "./helpers";

describe("seed validation", () => {
    test.each([
        [[], "seed: must be a JSON object"],
        [{}, "seed.operations: is required"],
        [{ operations: [{}] }, "seed.operations[0].name: is required"],
        [{ operations: [{ name: "x" }] }, "seed.operations[0].name: must look like"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", cancel: "maybe" }] }, "seed.operations[0].cancel: must be one of"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", denied: ["wait"] }] }, "seed.operations[0].denied[0]"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", result: { error: { code: "NOPE", message: "m" } } }] }, "seed.operations[0].result.error.code"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", typo: 1 }] }, "seed.operations[0].typo: unknown field"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a" }, { name: "projects/p/locations/l/operations/a" }] }, "seed.operations[1].name: duplicate"],
        [{ operations: [{ name: "projects/p/zones/z/operations/a" }, { name: "projects/p/locations/z/operations/a", service: "container" }] }, "seed.operations[1].name: duplicate"],
        [{ operations: [{ name: "projects/p/operations/a", service: "sqladmin", fields: [] }] }, "seed.operations[0].fields: must be an object"],
        [{ operations: [{ name: "projects/p/operations/a", service: "sqladmin", targetId: 7 }] }, "seed.operations[0].targetId: must be a string"],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", service: "sqladmin" }] }, 'seed.operations[0].name: must look like projects/*/operations/* for service "sqladmin"'],
        [{ operations: [{ name: "projects/p/operations/a", service: "container" }] }, 'for service "container"'],
        [{ operations: [{ name: "projects/p/locations/l/operations/a", result: { error: { code: "ERROR_RDBMS", message: "m" } } }] }, "seed.operations[0].result.error.code"],
        [{ operations: [], tokens: [1] }, "seed.tokens: must be an array of strings"],
        [{ operations: [], faults: [{ fault: { kind: "delay" } }] }, "seed.faults[0].fault.ms: is required"],
        [{ operations: [], faults: [{ sequence: [{ kind: "explode" }] }] }, "seed.faults[0].sequence[0].kind"],
    ])("%j is rejected naming the field", (seed, message) => {
        expect(() => validateSeed(seed)).toThrow(SeedError);
        expect(() => validateSeed(seed)).toThrow(message);
    });

    test("the documented GKE, Cloud SQL and Spanner entries are accepted; two services may share a name; sqladmin takes its own error codes", () => {
        const doc = readFileSync(join(__dirname, "../../../docs/emulator.md"), "utf8");
        const block = /entries of a seed.s operations array[^\n]*\n```json\n([\s\S]*?)\n```/.exec(doc);
        const entries = JSON.parse(block?.[1] ?? "null") as unknown[];
        expect(entries).toHaveLength(3);
        expect(validateSeed({ operations: entries }).operations).toHaveLength(3);
        const shared = [
            { name: "projects/p/operations/a", service: "sqladmin", doneAfterMs: 0, result: { error: { code: "ERROR_RDBMS", message: "m" } } },
            { name: "projects/p/operations/a", service: "datastore" },
        ];
        expect(validateSeed({ operations: shared }).operations).toHaveLength(2);
    });

    test("a valid seed is accepted and its tokens apply", async () => {
        const seed = validateSeed({
            tokens: ["seed-token"],
            operations: [{ name: "projects/p/locations/l/operations/a", doneAfterMs: null, result: { error: { code: 13, message: "x" } } }],
            faults: [{ match: { rpc: "list" }, fault: { kind: "status", code: "UNAVAILABLE" }, times: 1 }],
        });
        const emu = new OperationsEmulator({ seed });
        const url = await emu.start();
        try {
            expect((await call(url, "/v1/projects/p/locations/l/operations/a", { token: "seed-token" })).status).toBe(200);
            expect((await call(url, "/v1/projects/p/locations/l/operations/a")).status).toBe(401);
            expect((await call(url, "/v1/projects/p/locations/l/operations", { token: "seed-token" })).status).toBe(503);
        } finally {
            await emu.stop();
        }
    });
});

describe("runEmulatorCommand", () => {
    async function seedFile(content: string): Promise<string> {
        const dir = await mkdtemp(join(tmpdir(), "emu-seed-"));
        const file = join(dir, "seed.json");
        await writeFile(file, content);
        return file;
    }

    test("prints the URL then the token, serves the seed, stops when aborted", async () => {
        const file = await seedFile(JSON.stringify({ tokens: ["t1"], operations: [{ name: "projects/p/locations/l/operations/a" }] }));
        const output = new PassThrough();
        let printed = "";
        output.on("data", (c: Buffer) => (printed += c.toString()));
        const abort = new AbortController();
        const running = runEmulatorCommand({ port: 0, seedFile: file, output, signal: abort.signal });
        while (printed.split("\n").length < 3) await new Promise((r) => setTimeout(r, 5));
        const [url, tokenLine] = printed.split("\n");
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(tokenLine).toBe("Use the bearer token: export GOOGLE_OAUTH_ACCESS_TOKEN=t1 (sent as Authorization: Bearer t1)");
        expect((await call(url, "/v1/projects/p/locations/l/operations/a", { token: "t1" })).status).toBe(200);
        abort.abort();
        await running;
        await expect(fetch(url + "/v1/projects/p/locations/l/operations/a")).rejects.toThrow("fetch failed");
    });

    test("tokens from the command line override the seed; [] accepts any", async () => {
        const file = await seedFile(JSON.stringify({ tokens: ["t1"], operations: [] }));
        const output = new PassThrough();
        let printed = "";
        output.on("data", (c: Buffer) => (printed += c.toString()));
        const abort = new AbortController();
        const running = runEmulatorCommand({ seedFile: file, tokens: [], output, signal: abort.signal });
        while (printed.split("\n").length < 3) await new Promise((r) => setTimeout(r, 5));
        expect(printed.split("\n")[1]).toMatch(/Any non-empty bearer token/);
        expect((await call(printed.split("\n")[0], "/v1/projects/p/locations/l/operations", { token: "whatever" })).status).toBe(200);
        abort.abort();
        await running;
    });

    test("a bad seed file rejects with the file and field named", async () => {
        const file = await seedFile(JSON.stringify({ operations: [{ name: "projects/p/locations/l/operations/a", doneAfterMs: "soon" }] }));
        await expect(runEmulatorCommand({ seedFile: file })).rejects.toThrow(`${file}: seed.operations[0].doneAfterMs: must be a non-negative number or null`);
        const broken = await seedFile("{not json");
        await expect(runEmulatorCommand({ seedFile: broken })).rejects.toThrow(/not valid JSON/);
    });
});
