/**
 * The scope and answer rules hold for GKE's and Cloud SQL's shapes: a list answer naming operations outside
 * the swept parent (another location for GKE, another instance for Cloud SQL, a hostile id) is never read
 * or cancelled; answers of the wrong shape or types are refused, never believed (fuzzed with fast-check).
 */
import * as fc from "fast-check";
import { InvalidResponseError, OperationsClient, parseOperationName, parseParentName } from "../../provider/google";
import { containerShape } from "../../provider/google/shapes/container";
import { sqladminShape } from "../../provider/google/shapes/sqladmin";
import { sweepOperations } from "../../provider/sweep/index";
import { answerJson, hostileServer, type HostileServer } from "../hostile/server";
import { TOKEN } from "./support/helpers";

describe("GKE: a sweep stays in its location", () => {
    const PARENT = "projects/my-proj/locations/us-central1";
    const MINE = "operation-mine";
    let server: HostileServer;
    let cancelled = false;
    beforeEach(async () => {
        cancelled = false;
        server = await hostileServer((socket, request) => {
            const path = request.target.split("?")[0];
            if (request.method === "GET" && path === `/v1/${PARENT}/operations`) {
                return answerJson(socket, 200, {
                    operations: [
                        { name: MINE, location: "us-central1", status: "RUNNING", operationType: "UPGRADE_NODES" },
                        { name: "operation-elsewhere", location: "europe-west1", status: "RUNNING", operationType: "UPGRADE_NODES" },
                        { name: "bad..id", location: "us-central1", status: "RUNNING" },
                        { name: "a/b", location: "us-central1", status: "RUNNING" },
                    ],
                    missingZones: ["us-central1-f"],
                });
            }
            if (request.method === "GET" && path === `/v1/${PARENT}/operations/${MINE}`) {
                return answerJson(socket, 200, { name: MINE, status: cancelled ? "DONE" : "RUNNING", ...(cancelled ? { error: { code: 1, message: "cancelled" } } : {}) });
            }
            if (request.method === "POST" && path === `/v1/${PARENT}/operations/${MINE}:cancel`) {
                cancelled = true;
                return answerJson(socket, 200, {});
            }
            return answerJson(socket, 418, { error: { code: 418, message: `unexpected ${request.method} ${request.target}` } });
        });
    });
    afterEach(() => server.close());

    test("only the parent's own operation is cancelled; the others are OUT_OF_SCOPE and nothing is sent for them", async () => {
        const client = new OperationsClient({ service: "container", endpoint: server.url, credentials: { accessToken: TOKEN }, retry: { maxAttempts: 1 } });
        const result = await sweepOperations(client, { parent: PARENT, timeoutMs: 10_000 });
        expect(result.items.find((i) => i.outcome === "CANCELLED")?.name).toBe(`${PARENT}/operations/${MINE}`);
        const refused = result.items.filter((i) => i.error?.status === "OUT_OF_SCOPE");
        expect(refused).toHaveLength(3);
        expect(server.requests.map((r) => `${r.method} ${r.target}`).filter((t) => !t.includes(MINE) && !t.endsWith("/operations"))).toEqual([]);
    });
});

describe("Cloud SQL: a sweep stays in its instance", () => {
    const op = (id: string, targetId: string) => ({ kind: "sql#operation", name: id, status: "RUNNING", targetId, operationType: "IMPORT" });
    let server: HostileServer;
    beforeEach(async () => {
        server = await hostileServer((socket, request) => {
            const path = request.target.split("?")[0];
            if (request.method === "GET" && path === "/v1/projects/my-proj/operations") {
                return answerJson(socket, 200, { kind: "sql#operationsList", items: [op("other-instance", "db-2"), op("no-target", undefined as unknown as string)] });
            }
            return answerJson(socket, 418, { error: { code: 418, message: `unexpected ${request.method} ${request.target}` } });
        });
    });
    afterEach(() => server.close());

    test("operations of another instance (or of none) listed under db-1 are never read or cancelled", async () => {
        const client = new OperationsClient({ service: "sqladmin", endpoint: server.url, credentials: { accessToken: TOKEN }, retry: { maxAttempts: 1 } });
        const result = await sweepOperations(client, { parent: "projects/my-proj/instances/db-1", timeoutMs: 10_000 });
        expect(result.items.map((i) => i.error?.status)).toEqual(["OUT_OF_SCOPE", "OUT_OF_SCOPE"]);
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0].target).toBe("/v1/projects/my-proj/operations?instance=db-1&maxResults=100");
    });
});

describe("answers of the wrong shape are refused, never believed (fast-check)", () => {
    const gkeAsked = parseOperationName("projects/my-proj/locations/us-central1/operations/operation-1");
    const sqlAsked = parseOperationName("projects/my-proj/operations/op-1");
    const gkeParent = parseParentName("projects/my-proj/locations/-");
    const sqlParent = parseParentName("projects/my-proj/instances/db-1");
    const ctx = { method: "get" as const, resource: "x" };
    const listCtx = { method: "list" as const, resource: "x" };
    const value = fc.oneof(
        fc.jsonValue(),
        fc.record({ name: fc.oneof(fc.constant("operation-1"), fc.constant("op-1"), fc.jsonValue()), status: fc.oneof(fc.constantFrom("RUNNING", "DONE", "ABORTING", "PENDING", "done"), fc.jsonValue()), error: fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.record({ code: fc.jsonValue() }), fc.record({ errors: fc.jsonValue() })), targetLink: fc.oneof(fc.constant(undefined), fc.jsonValue()), targetId: fc.oneof(fc.constant(undefined), fc.jsonValue()) }, { requiredKeys: [] }),
        fc.record({ operations: fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 })), items: fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 3 })), missingZones: fc.jsonValue(), nextPageToken: fc.jsonValue(), kind: fc.jsonValue() }, { requiredKeys: [] }),
    );

    test("20,000 answers: every one is either a well-typed view of exactly the operation asked, or an InvalidResponseError", () => {
        fc.assert(
            fc.property(value, (json) => {
                const attempts: Array<() => unknown> = [
                    () => {
                        const view = containerShape.readOperation(json, gkeAsked, ctx);
                        if (view.name !== gkeAsked.name || (view.done !== undefined && view.done !== true)) throw new Error("an accepted GKE answer named another operation");
                        if (view.error !== undefined && !Number.isInteger(view.error.code)) throw new Error("an accepted GKE error has no integer code");
                    },
                    () => {
                        const view = sqladminShape.readOperation(json, sqlAsked, ctx);
                        if (view.name !== sqlAsked.name) throw new Error("an accepted Cloud SQL answer named another operation");
                    },
                    () => {
                        const page = containerShape.readListPage(json, gkeParent, listCtx);
                        for (const o of page.operations ?? []) if (typeof o.name !== "string" || !o.name.startsWith("projects/my-proj/locations/")) throw new Error("a listed GKE view is not under the project");
                    },
                    () => {
                        const page = sqladminShape.readListPage(json, sqlParent, listCtx);
                        for (const o of page.operations ?? []) if (!o.name.startsWith("projects/my-proj/operations/")) throw new Error("a listed Cloud SQL view is not under the project");
                    },
                ];
                for (const attempt of attempts) {
                    try {
                        attempt();
                    } catch (err) {
                        if (!(err instanceof InvalidResponseError)) throw err;
                    }
                }
            }),
            { numRuns: 20_000, seed: 11 },
        );
    });

    test("examples: a GKE status outside the enum, a Cloud SQL error without errors[], another operation's id", () => {
        expect(() => containerShape.readOperation({ name: "operation-1", status: "FINISHED" }, gkeAsked, ctx)).toThrow(/status is the string "FINISHED", not one of STATUS_UNSPECIFIED, PENDING, RUNNING, DONE, ABORTING/);
        expect(() => containerShape.readOperation({ name: "operation-2", status: "DONE" }, gkeAsked, ctx)).toThrow(/names the operation "operation-2", not operation-1/);
        expect(() => sqladminShape.readOperation({ kind: "sql#operation", name: "op-1", status: "DONE", error: { code: 5 } }, sqlAsked, ctx)).toThrow(/error is not a sql#operationErrors object/);
        expect(() => sqladminShape.readOperation({ kind: "sql#instance", name: "op-1" }, sqlAsked, ctx)).toThrow(/kind is the string "sql#instance", not sql#operation/);
    });
});
