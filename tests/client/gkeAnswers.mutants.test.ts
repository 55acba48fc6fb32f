/**
 * GKE answers through the client: an operation's `startTime` is its `createTime` (what a sweep's age
 * selection reads), a list answered `{}` (proto3 JSON leaves an empty list out) is a page of no
 * operations, and a filter is refused naming the `filter` option. Mutants of each survived the mutation
 * run, or were reached by no test (docs/mutation.md).
 */
import { InvalidOptionError, OperationsClient, type OperationsClientOptions } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";
import { answerJson, hostileServer, type HostileServer } from "../hostile/server";
import { rejectionOf } from "../support/outcome";
import { FAST, TOKEN, pagesOf } from "./support";

const PARENT = "projects/my-proj/locations/us-central1";
const GKE_OP = `${PARENT}/operations/operation-1732000000000-abcdef12`;

/** The hostile server of the test running, closed after it. */
let server: HostileServer | undefined;
afterEach(async () => {
    await server?.close();
    server = undefined;
});

/** A GKE client of a hostile server that answers with `handler`. */
async function gkeClientOf(handler: Parameters<typeof hostileServer>[0]): Promise<OperationsClient> {
    server = await hostileServer(handler);
    return new OperationsClient({ service: "container", endpoint: server.url, credentials: { accessToken: TOKEN }, ...FAST });
}


describe("GKE operations against the emulator", () => {
    const { emu } = useEmulatorPerTest();
    const client = (extra: OperationsClientOptions = {}) =>
        new OperationsClient({ service: "container", endpoint: `${emu().url}/container`, credentials: { accessToken: TOKEN }, ...FAST, ...extra });

    test("an operation's startTime is its createTime, read and listed", async () => {
        emu().add({ service: "container", name: GKE_OP, createTime: "2026-01-02T03:04:05Z" });
        const operation = await client().getOperation(GKE_OP);
        expect(operation.metadata).toMatchObject({ startTime: "2026-01-02T03:04:05Z", createTime: "2026-01-02T03:04:05Z" });
        const [page] = await pagesOf(client().listOperationPages(PARENT));
        expect(page.operations?.map((o) => o.metadata?.createTime)).toEqual(["2026-01-02T03:04:05Z"]);
    });

    test("a filter is refused naming the filter option, before any request", async () => {
        const error = await rejectionOf(pagesOf(client().listOperationPages(PARENT, { filter: "done=false" })));
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect(error).toMatchObject({ field: "filter", message: "GKE's ListOperations takes no filter; select with target, targetPrefix or verbs instead" });
        expect(emu().requests).toEqual([]);
    });
});

describe("a GKE list answered {}", () => {

    test("is one page of no operations", async () => {
        const client = await gkeClientOf((socket) => answerJson(socket, 200, {}));
        expect(await pagesOf(client.listOperationPages(PARENT))).toEqual([{ operations: [] }]);
        expect(server!.requests.map((r) => `${r.method} ${r.target}`)).toEqual([`GET /v1/${PARENT}/operations`]);
    });
});

describe("a GKE operation's fields, checked before they are believed", () => {
    const answering = (body: Record<string, unknown>) => gkeClientOf((socket) => answerJson(socket, 200, body));
    const ID = "operation-1732000000000-abcdef12";

    test.each(["operationType", "targetLink", "selfLink", "statusMessage", "startTime", "endTime", "zone", "location"])("%s that is not a string is refused, by name", async (field) => {
        const client = await answering({ name: ID, status: "RUNNING", [field]: 5 });
        const error = await rejectionOf(client.getOperation(GKE_OP));
        expect((error as Error).message).toContain(field);
        expect((error as Error).message).toMatch(/not a string|string/);
    });

    test("without targetLink and operationType, the view has no target and no verb", async () => {
        const client = await answering({ name: ID, status: "RUNNING" });
        const operation = await client.getOperation(GKE_OP);
        expect(operation.metadata).not.toHaveProperty("target");
        expect(operation.metadata).not.toHaveProperty("verb");
    });
});

describe("a GKE cancel refused, whose recheck finds the operation finished", () => {

    test("reports how it ended by itself: SUCCEEDED, not ENDED, with no cancel sent", async () => {
        let gets = 0;
        const client = await gkeClientOf((socket, request) => {
            if (request.method === "POST") return answerJson(socket, 400, { error: { code: 400, message: "not now", status: "FAILED_PRECONDITION" } });
            gets++;
            answerJson(socket, 200, { name: "operation-1732000000000-abcdef12", status: gets === 1 ? "RUNNING" : "DONE" });
        });
        const result = await client.cancelAndConfirm(GKE_OP, { timeoutMs: 5_000 });
        expect(result).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false });
        expect(gets).toBe(2);
    });
});
