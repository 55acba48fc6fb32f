/**
 * How the client checks what a server answers, in-process, for the mutants no in-process test reached in
 * the mutation run (docs/mutation.md): GKE's and Cloud SQL's operation and list answers refused field by
 * field, their list requests, `google.rpc.Status` and empty answers, which listed names are children of
 * a parent, the reason of a Google error, and which outcomes are finished.
 */
import { ERROR_INFO_TYPE, GoogleApiError, InvalidResponseError } from "../../provider/google/errors";
import type { ResolvedEndpoint } from "../../provider/google/endpoint";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { isFinished } from "../../provider/google/outcome";
import { OUTCOMES } from "../../provider/google/types";
import { containerShape } from "../../provider/google/shapes/container";
import { sqladminShape } from "../../provider/google/shapes/sqladmin";
import { checkEmpty, checkListPage, checkStatus, describe as describeValue, isChildOf, type AnswerContext } from "../../provider/google/validate";
import { thrownBy } from "../support/outcome";

/** The message of what `run` throws (and that it is an InvalidResponseError). */
function refusal(run: () => unknown): string {
    const err = thrownBy(run);
    expect(err).toBeInstanceOf(InvalidResponseError);
    return (err as Error).message;
}

const getCtx: AnswerContext = { method: "get", resource: "the-operation" };
const listCtx: AnswerContext = { method: "list", resource: "the-parent" };
const endpoint = (baseUrl: string): ResolvedEndpoint => ({ baseUrl, apiVersion: "v1", cancelBody: "empty-json", cancelSuffix: ":cancel", shape: "longrunning" }) as ResolvedEndpoint;

describe("Cloud SQL answers", () => {
    const asked = parseOperationName("projects/sql-proj/operations/op-1");
    const instance = parseParentName("projects/sql-proj/instances/db-1");

    test.each<[string, unknown, string]>([
        ["not an object", "x", 'the body is the string "x", not a Cloud SQL operation object'],
        ["another kind", { kind: "sql#instance", name: "op-1" }, 'the body.kind is the string "sql#instance", not sql#operation'],
        ["error without errors[]", { name: "op-1", error: {} }, "the body.error is not a sql#operationErrors object with errors[] of {code, message} strings"],
        ["error not an object", { name: "op-1", error: "bad" }, "the body.error is not a sql#operationErrors object"],
        ["an error entry not an object", { name: "op-1", error: { errors: [1] } }, "the body.error is not a sql#operationErrors object"],
        ["an error code not a string", { name: "op-1", error: { errors: [{ code: 5 }] } }, "the body.error is not a sql#operationErrors object"],
        ["an error message not a string", { name: "op-1", error: { errors: [{ code: "X", message: 5 }] } }, "the body.error is not a sql#operationErrors object"],
        ["another operation", { name: "op-2" }, 'it names the operation "op-2", not op-1'],
    ])("an operation answer with %s is refused", (_label, json, what) => {
        expect(refusal(() => sqladminShape.readOperation(json, asked, getCtx))).toContain(`get the-operation: the server's answer is not a valid Operation: ${what}`);
    });

    test("a refusal says what was asked, what is wrong and what to check, whole", () => {
        expect(refusal(() => sqladminShape.readOperation(7, asked, getCtx))).toBe(
            "get the-operation: the server's answer is not a valid Operation: the body is number 7, not a Cloud SQL operation object. " +
                "Check that endpoint points at a Google API (or the emulator); nothing was taken from this answer",
        );
    });

    test("a valid operation is read: its kind may be absent, null fields dropped, errors joined into one status", () => {
        const view = sqladminShape.readOperation(
            { kind: "sql#operation", name: "op-1", status: "DONE", targetId: "db-1", operationType: "IMPORT", insertTime: "2026-01-01T00:00:00Z", user: null, error: { errors: [{ code: "E1", message: "first" }, { code: "E2" }, { message: "third" }] } },
            asked,
            getCtx,
        );
        expect(view.name).toBe("projects/sql-proj/operations/op-1");
        expect(view.done).toBe(true);
        expect(view.metadata).toMatchObject({ target: "projects/sql-proj/instances/db-1", verb: "IMPORT", createTime: "2026-01-01T00:00:00Z" });
        expect(view.metadata).not.toHaveProperty("user");
        expect(view.error).toEqual({
            code: 2,
            message: "E1: first; E2; third",
            details: [{ "@type": "type.googleapis.com/google.cloud.sql.v1.OperationErrors", errors: [{ code: "E1", message: "first" }, { code: "E2" }, { message: "third" }] }],
        });
        expect(sqladminShape.readOperation({ name: "op-1", status: "DONE", error: { errors: [] } }, asked, getCtx)).not.toHaveProperty("error");
        expect(sqladminShape.readOperation({ name: "op-1", status: "RUNNING", startTime: "2026-01-02T00:00:00Z" }, asked, getCtx)).toMatchObject({ metadata: { createTime: "2026-01-02T00:00:00Z" } });
    });

    test.each<[string, unknown, string]>([
        ["not an object", [], "the body is an array, not a sql#operationsList object"],
        ["another kind", { kind: "sql#instancesList" }, 'kind is the string "sql#instancesList", not sql#operationsList'],
        ["items not an array", { items: {} }, "items is an object, not an array"],
        ["a page token not a string", { nextPageToken: 3 }, "nextPageToken is number 3, not a string"],
        ["an item that is not an operation", { items: [{ name: "a" }, null] }, "items[1] is null, not a Cloud SQL operation object"],
    ])("a list page with %s is refused", (_label, json, what) => {
        expect(refusal(() => sqladminShape.readListPage(json, instance, listCtx))).toContain(`list the-parent: the server's answer is not a valid ListOperationsResponse: ${what}`);
    });

    test("a list page is read: no body is an empty page; items named under the project; the token kept", () => {
        expect(sqladminShape.readListPage(undefined, instance, listCtx)).toEqual({});
        const page = sqladminShape.readListPage({ kind: "sql#operationsList", items: [{ name: "a", targetId: "db-1", targetProject: "other-proj" }], nextPageToken: "t2" }, instance, listCtx);
        expect(page.nextPageToken).toBe("t2");
        expect(page.operations?.map((o) => [o.name, o.metadata?.target])).toEqual([["projects/sql-proj/operations/a", "projects/other-proj/instances/db-1"]]);
        expect(sqladminShape.readListPage({ items: [], nextPageToken: "" }, instance, listCtx)).toEqual({ operations: [] });
    });

    test("lists go per instance, with maxResults and pageToken, and take no filter", () => {
        const base = sqladminShape.listBase(endpoint("https://sqladmin.example"), instance, "parent");
        expect(base).toBe("https://sqladmin.example/v1/projects/sql-proj/operations");
        expect(sqladminShape.listUrl(endpoint("https://sqladmin.example"), instance, base, { pageSize: 50, pageToken: "t 2" })).toBe(`${base}?instance=db-1&maxResults=50&pageToken=t+2`);
        expect(sqladminShape.listUrl(endpoint("https://sqladmin.example"), instance, base, {})).toBe(`${base}?instance=db-1`);
        expect(() => sqladminShape.listUrl(endpoint("https://sqladmin.example"), instance, base, { filter: "done=false" })).toThrow(
            "Cloud SQL's operations list takes no filter; select with verbs or olderThan instead",
        );
        expect(() => sqladminShape.listBase(endpoint("https://sqladmin.example"), parseParentName("projects/sql-proj/locations/us-central1"), "parent")).toThrow(
            "parent projects/sql-proj/locations/us-central1: Cloud SQL lists operations per instance; name it as projects/{project}/instances/{instance}",
        );
    });
});

describe("GKE answers", () => {
    const asked = parseOperationName("projects/gke-proj/locations/us-central1/operations/operation-1");
    const regional = parseParentName("projects/gke-proj/locations/-");
    const zonal = parseParentName("projects/gke-proj/zones/-");

    test.each<[string, unknown, string]>([
        ["not an object", 5, "the body is number 5, not a GKE Operation object"],
        ["an error that is not a status", { name: "operation-1", error: [] }, "the body.error is an array, not a google.rpc.Status object"],
        ["another operation", { name: "operation-2" }, 'it names the operation "operation-2", not operation-1'],
    ])("an operation answer with %s is refused", (_label, json, what) => {
        expect(refusal(() => containerShape.readOperation(json, asked, getCtx))).toContain(`the server's answer is not a valid Operation: ${what}`);
    });

    test("an operation answered by its bare id or its full name is read; ABORTING shows the requested cancel; an error counts only once done", () => {
        expect(containerShape.readOperation({ name: "operation-1", status: "ABORTING" }, asked, getCtx)).toMatchObject({ name: asked.name, metadata: { requestedCancellation: true } });
        expect(containerShape.readOperation({ name: asked.name, status: "RUNNING", error: { code: 1 } }, asked, getCtx)).not.toHaveProperty("error");
        const done = containerShape.readOperation({ name: "operation-1", status: "DONE", error: { code: 1, message: "cancelled" } }, asked, getCtx);
        expect(done).toMatchObject({ done: true, error: { code: 1 } });
        expect(done.metadata).not.toHaveProperty("requestedCancellation");
        expect(containerShape.readOperation({ name: "operation-1", status: "DONE", error: { code: 0 } }, asked, getCtx)).not.toHaveProperty("error");
    });

    test.each<[string, unknown, string]>([
        ["not an object", "page", 'the body is the string "page", not a GKE ListOperationsResponse object'],
        ["operations not an array", { operations: {} }, "operations is an object, not an array"],
        ["missingZones not an array", { missingZones: "us-central1-a" }, "missingZones is not an array of strings"],
        ["a missing zone not a string", { missingZones: ["a", 1] }, "missingZones is not an array of strings"],
        ["an operation that is not one", { operations: ["x"] }, 'operations[0] is the string "x", not a GKE Operation object'],
    ])("a list page with %s is refused", (_label, json, what) => {
        expect(refusal(() => containerShape.readListPage(json, regional, listCtx))).toContain(`the server's answer is not a valid ListOperationsResponse: ${what}`);
    });

    test("listed operations are named under the parent's own collection, by their location or zone; missingZones are unreachable", () => {
        expect(containerShape.readListPage(undefined, regional, listCtx)).toEqual({});
        const listed = { operations: [{ name: "a", location: "us-east1", zone: "us-east1-b" }, { name: "b", zone: "europe-west1-c" }, { name: "c" }], missingZones: ["asia-east1-a"] };
        const byLocation = containerShape.readListPage(listed, regional, listCtx);
        expect(byLocation.operations?.map((o) => o.name)).toEqual([
            "projects/gke-proj/locations/us-east1/operations/a",
            "projects/gke-proj/locations/europe-west1-c/operations/b",
            "projects/gke-proj/locations/-/operations/c",
        ]);
        expect(byLocation.unreachable).toEqual(["asia-east1-a"]);
        const byZone = containerShape.readListPage(listed, zonal, listCtx);
        expect(byZone.operations?.map((o) => o.name)).toEqual([
            "projects/gke-proj/zones/us-east1-b/operations/a",
            "projects/gke-proj/zones/europe-west1-c/operations/b",
            "projects/gke-proj/zones/-/operations/c",
        ]);
        expect(containerShape.readListPage({ operations: [] }, regional, listCtx)).toEqual({ operations: [] });
    });

    test("lists take no filter; the list URL is the base", () => {
        expect(containerShape.listUrl(endpoint("https://gke.example"), regional, "https://gke.example/v1/x/operations", {})).toBe("https://gke.example/v1/x/operations");
        expect(() => containerShape.listUrl(endpoint("https://gke.example"), regional, "b", { filter: "x" })).toThrow(
            "GKE's ListOperations takes no filter; select with target, targetPrefix or verbs instead",
        );
    });
});

describe("google.longrunning list pages", () => {
    test("unreachable must be strings; a valid page keeps them, its token and its operations without null fields", () => {
        for (const unreachable of ["us-east1", ["us-east1", 2], [null]]) {
            expect(refusal(() => checkListPage({ unreachable }, listCtx))).toContain("unreachable is not an array of strings");
        }
        expect(checkListPage({ operations: [{ name: "projects/p/locations/l/operations/o", metadata: null }], nextPageToken: "t", unreachable: ["us-east1"] }, listCtx)).toEqual({
            operations: [{ name: "projects/p/locations/l/operations/o" }],
            nextPageToken: "t",
            unreachable: ["us-east1"],
        });
        expect(checkListPage({}, listCtx)).toEqual({});
        expect(checkListPage(undefined, listCtx)).toEqual({});
    });
});

describe("google.rpc.Status and empty answers", () => {
    test.each<[string, unknown, string]>([
        ["not an object", "boom", 'e is the string "boom", not a google.rpc.Status object'],
        ["a fractional code", { code: 1.5 }, "e.code is number 1.5, not an integer"],
        ["a code as a string", { code: "1" }, 'e.code is the string "1", not an integer'],
        ["a message not a string", { message: 2 }, "e.message is number 2, not a string"],
        ["details not an array", { details: {} }, "e.details is an object, not an array"],
        ["a detail not an object", { details: [{}, "d"] }, 'e.details[1] is the string "d", not an object'],
    ])("a status with %s is refused", (_label, value, what) => {
        expect(refusal(() => checkStatus(value, getCtx, "e"))).toContain(what);
    });

    test("a status with null fields, an integer code and object details passes", () => {
        expect(() => checkStatus({ code: 3, message: null, details: [{ "@type": "t" }] }, getCtx, "e")).not.toThrow();
        expect(() => checkStatus({}, getCtx, "e")).not.toThrow();
    });

    test("an empty answer is no body or an object; anything else is refused, saying it is not google.protobuf.Empty", () => {
        const cancelCtx: AnswerContext = { method: "cancel", resource: "the-operation" };
        expect(() => checkEmpty(undefined, cancelCtx)).not.toThrow();
        expect(() => checkEmpty({}, cancelCtx)).not.toThrow();
        expect(refusal(() => checkEmpty([], cancelCtx))).toContain("cancel the-operation: the server's answer is not a valid answer: the body is an array, not an object (google.protobuf.Empty)");
        expect(refusal(() => checkEmpty(null, cancelCtx))).toContain("the body is null, not an object");
    });

    test("values are described by kind; long strings are cut at 80 characters", () => {
        expect([null, [], {}, 7, true].map(describeValue)).toEqual(["null", "an array", "an object", "number 7", "boolean true"]);
        expect(describeValue("x".repeat(81))).toBe(`the string "${"x".repeat(80)}…"`);
        expect(describeValue("x".repeat(80))).toBe(`the string "${"x".repeat(80)}"`);
    });
});

describe("isChildOf", () => {
    const child = (name: string) => parseOperationName(name);
    const parent = (name: string) => parseParentName(name);

    test("the same project and path, one level down; `-` matches any location but not the project", () => {
        expect(isChildOf(child("projects/proj-one/locations/l1/operations/o"), parent("projects/proj-one/locations/l1"))).toBe(true);
        expect(isChildOf(child("projects/proj-one/locations/l1/operations/o"), parent("projects/proj-one/locations/-"))).toBe(true);
        expect(isChildOf(child("projects/proj-one/locations/l1/operations/o"), parent("projects/proj-one/locations/l2"))).toBe(false);
        expect(isChildOf(child("projects/proj-two/locations/l1/operations/o"), parent("projects/proj-one/locations/l1"))).toBe(false);
        expect(isChildOf(child("projects/proj-one/zones/l1/operations/o"), parent("projects/proj-one/locations/l1"))).toBe(false);
        expect(isChildOf(child("projects/proj-one/locations/l1/instances/i/operations/o"), parent("projects/proj-one/locations/l1"))).toBe(false);
        expect(isChildOf(child("projects/proj-one/instances/db-1/operations/o"), parent("projects/proj-one/instances/db-1"))).toBe(true);
    });
});

describe("GoogleApiError.reason and isFinished", () => {
    const error = (details: Array<Record<string, unknown>>) =>
        new GoogleApiError({ httpStatus: 403, status: "PERMISSION_DENIED", googleMessage: "denied", details, method: "cancel", resource: "r", hint: "", attempts: 1 });

    test("the reason of the first ErrorInfo detail, when it is a string", () => {
        expect(error([{ "@type": "other", reason: "NOT_THIS" }, { "@type": ERROR_INFO_TYPE, reason: "IAM_PERMISSION_DENIED" }, { "@type": ERROR_INFO_TYPE, reason: "SECOND" }]).reason).toBe("IAM_PERMISSION_DENIED");
        expect(error([{ "@type": ERROR_INFO_TYPE, reason: 7 }]).reason).toBeUndefined();
        expect(error([]).reason).toBeUndefined();
    });

    test("finished: cancelled, succeeded, failed, ended; not running or any failure to learn", () => {
        expect(OUTCOMES.filter(isFinished)).toEqual(["CANCELLED", "SUCCEEDED", "FAILED", "ENDED"]);
    });
});
