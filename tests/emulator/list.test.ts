import { OperationsEmulator } from "../../provider/testing";
import type { ScriptedOperation } from "../../provider/testing";
import { call, sleep, useEmulator } from "./helpers";

const PARENT = "projects/p/locations/us-central1";
const LIST = `/v1/${PARENT}/operations`;

describe("ListOperations pagination", () => {
    const { emu, url } = useEmulator({ maxPageSize: 200, defaultPageSize: 25 });

    test("1,500 operations: every one seen exactly once, pages capped at maxPageSize", async () => {
        const ops: ScriptedOperation[] = [];
        for (let i = 0; i < 1500; i++) ops.push({ name: `${PARENT}/operations/op-${i}` });
        emu().addMany(...ops);
        emu().add({ name: "projects/p/locations/europe-west1/operations/elsewhere" });
        emu().add({ name: "projects/other/locations/us-central1/operations/other-project" });
        const seen = new Map<string, number>();
        let token = "";
        let pages = 0;
        do {
            const r = await call(url(), `${LIST}?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`);
            expect(r.status).toBe(200);
            expect(r.json.operations.length).toBeLessThanOrEqual(200);
            for (const op of r.json.operations) seen.set(op.name, (seen.get(op.name) ?? 0) + 1);
            token = r.json.nextPageToken ?? "";
            pages++;
        } while (token);
        expect(pages).toBe(8);
        expect(seen.size).toBe(1500);
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        expect(seen.has(`${PARENT}/operations/op-0`) && seen.has(`${PARENT}/operations/op-1499`)).toBe(true);
    });

    test("default page size applies without pageSize or with 0; no token on the last page", async () => {
        for (let i = 0; i < 30; i++) emu().add({ name: `${PARENT}/operations/op-${i}` });
        const first = await call(url(), LIST);
        expect(first.json.operations).toHaveLength(25);
        const zero = await call(url(), `${LIST}?pageSize=0`);
        expect(zero.json.operations).toHaveLength(25);
        const last = await call(url(), `${LIST}?page_token=${first.json.nextPageToken}`);
        expect(last.json.operations).toHaveLength(5);
        expect(last.json).not.toHaveProperty("nextPageToken");
    });

    test("removals between pages neither skip nor repeat", async () => {
        for (let i = 0; i < 10; i++) emu().add({ name: `${PARENT}/operations/op-${i}` });
        const first = await call(url(), `${LIST}?pageSize=4`);
        emu().remove(`${PARENT}/operations/op-1`);
        emu().remove(`${PARENT}/operations/op-5`);
        const second = await call(url(), `${LIST}?pageSize=4&pageToken=${first.json.nextPageToken}`);
        expect(second.json.operations.map((o: { name: string }) => o.name.split("/").pop())).toEqual(["op-4", "op-6", "op-7", "op-8"]);
    });

    test("an empty collection answers {}", async () => {
        const r = await call(url(), LIST);
        expect(r.status).toBe(200);
        expect(r.json).toEqual({});
    });

    test("invalid page tokens and sizes are 400 INVALID_ARGUMENT", async () => {
        for (let i = 0; i < 3; i++) emu().add({ name: `${PARENT}/operations/op-${i}` });
        const token = (await call(url(), `${LIST}?pageSize=1`)).json.nextPageToken as string;
        for (const q of ["pageToken=garbage", "pageToken=" + Buffer.from('{"after":"x"}').toString("base64url"), `pageToken=${token}&filter=done%3Dtrue`, "pageSize=-1", "pageSize=abc", "pageSize=1.5"]) {
            const r = await call(url(), `${LIST}?${q}`);
            expect([q, r.status, r.json.error.status]).toEqual([q, 400, "INVALID_ARGUMENT"]);
        }
        // a token is bound to its parent too
        const other = await call(url(), `/v1/projects/p/locations/elsewhere/operations?pageToken=${token}`);
        expect(other.status).toBe(400);
    });

    test("locations/- lists across locations of the project", async () => {
        emu().add({ name: "projects/p/locations/a/operations/1" });
        emu().add({ name: "projects/p/locations/b/operations/2" });
        emu().add({ name: "projects/q/locations/a/operations/3" });
        const r = await call(url(), "/v1/projects/p/locations/-/operations");
        expect(r.json.operations.map((o: { name: string }) => o.name)).toEqual(["projects/p/locations/a/operations/1", "projects/p/locations/b/operations/2"]);
    });
});

describe("ListOperations filters", () => {
    let emu: OperationsEmulator;
    let url: string;
    const names = (r: { json: { operations?: Array<{ name: string }> } }) => (r.json.operations ?? []).map((o) => o.name.split("/").pop());
    const list = (filter: string) => call(url, `${LIST}?filter=${encodeURIComponent(filter)}`);

    beforeAll(async () => {
        emu = new OperationsEmulator();
        url = await emu.start();
        emu.addMany(
            { name: `${PARENT}/operations/done-1`, doneAfterMs: 0, target: "projects/1/locations/us-central1/deliveryPipelines/web", verb: "create" },
            { name: `${PARENT}/operations/run-1`, target: "projects/1/locations/us-central1/deliveryPipelines/web-canary", verb: "update" },
            { name: `${PARENT}/operations/run-2`, target: "projects/1/locations/us-central1/targets/prod", verb: "delete" },
            { name: `${PARENT}/operations/aws-1`, service: "gkemulticloud", target: "projects/1/locations/us-central1/awsClusters/c1", verb: "create" },
        );
        await sleep(5);
    });
    afterAll(() => emu.stop());

    test("done=true / done = false", async () => {
        expect(names(await list("done=true"))).toEqual(["done-1"]);
        expect(names(await list("done = false"))).toEqual(["run-1", "run-2", "aws-1"]);
        expect(names(await list("done!=true"))).toEqual(["run-1", "run-2", "aws-1"]);
    });

    test('metadata.target="x" is exact equality', async () => {
        expect(names(await list('metadata.target="projects/1/locations/us-central1/deliveryPipelines/web"'))).toEqual(["done-1"]);
        expect(names(await list("metadata.target='projects/1/locations/us-central1/targets/prod'"))).toEqual(["run-2"]);
    });

    test('metadata.target:"prefix*" matches a prefix', async () => {
        expect(names(await list('metadata.target:"projects/1/locations/us-central1/deliveryPipelines/web*"'))).toEqual(["done-1", "run-1"]);
        expect(names(await list('metadata.target:"projects/1/locations/us-central1/awsClusters/*"'))).toEqual(["aws-1"]);
        expect(names(await list('metadata.target = "projects/1/locations/us-central1/deliveryPipelines/*"'))).toEqual(["done-1", "run-1"]);
    });

    test("metadata.verb and AND", async () => {
        expect(names(await list('metadata.verb="delete"'))).toEqual(["run-2"]);
        expect(names(await list('done=false AND metadata.verb="create"'))).toEqual(["aws-1"]);
        expect(names(await list('done = false AND metadata.target:"projects/1/locations/us-central1/deliveryPipelines/*" AND metadata.verb="update"'))).toEqual(["run-1"]);
    });

    test("invalid or unsupported filters are 400 INVALID_ARGUMENT", async () => {
        for (const f of ["done=maybe", "done", "name=x", 'metadata.verb="a" OR done=true', 'metadata.target="unterminated', "done=true AND", 'metadata.target="a*b"', "done=true and done=false", "(done=true)"]) {
            const r = await list(f);
            expect([f, r.status, r.json.error.status]).toEqual([f, 400, "INVALID_ARGUMENT"]);
            expect(r.json.error.message).toMatch(/^Invalid filter: /);
        }
    });
});
