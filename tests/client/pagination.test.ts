import type { ScriptedOperation } from "../../provider/testing";
import { useEmulator } from "./support";

const PARENT = "projects/my-proj/locations/us-central1";

describe("listOperations", () => {
    const { emu, client } = useEmulator({ maxPageSize: 100 });

    test("streams every operation across 1,200 operations, each exactly once", async () => {
        const ops: ScriptedOperation[] = [];
        for (let i = 0; i < 1200; i++) ops.push({ name: `${PARENT}/operations/op-${String(i).padStart(5, "0")}`, doneAfterMs: i % 3 === 0 ? 0 : null });
        emu().addMany(...ops);
        const seen = new Set<string>();
        let count = 0;
        for await (const op of client().listOperations(PARENT, { pageSize: 100 })) {
            seen.add(op.name);
            count++;
        }
        expect(count).toBe(1200);
        expect(seen.size).toBe(1200);
        expect(emu().count({ rpc: "list" })).toBe(12);
    });

    test("passes the server-side filter and page size", async () => {
        emu().addMany(
            { name: `${PARENT}/operations/a`, doneAfterMs: 0 },
            { name: `${PARENT}/operations/b` },
            { name: `${PARENT}/operations/c` },
        );
        const names: string[] = [];
        for await (const op of client().listOperations(PARENT, { filter: "done=false", pageSize: 1 })) names.push(op.name);
        expect(names.sort()).toEqual([`${PARENT}/operations/b`, `${PARENT}/operations/c`]);
        const first = new URL(emu().requests[0].url, "http://x");
        expect(first.searchParams.get("filter")).toBe("done=false");
        expect(first.searchParams.get("pageSize")).toBe("1");
    });

    test("fetches pages lazily: stopping early sends no further list request", async () => {
        const ops: ScriptedOperation[] = [];
        for (let i = 0; i < 50; i++) ops.push({ name: `${PARENT}/operations/op-${i}` });
        emu().addMany(...ops);
        for await (const op of client().listOperations(PARENT, { pageSize: 10 })) {
            expect(op.name).toMatch(/op-/);
            break;
        }
        expect(emu().count({ rpc: "list" })).toBe(1);
    });

    test("rejects a bad page size before any request", async () => {
        const iterator = client().listOperations(PARENT, { pageSize: 0 });
        await expect(iterator.next()).rejects.toThrow(/pageSize must be a positive integer/);
        expect(emu().count()).toBe(0);
    });
});
