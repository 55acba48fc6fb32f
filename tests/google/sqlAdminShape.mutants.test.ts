/**
 * Cloud SQL's shape (`sql#operation`), in-process, for the survivors of the mutation run (docs/mutation.md):
 * each of the operation's string fields refused, by name, when the server sends another type; an operation's
 * metadata has no `target`, `verb` or `createTime` when the fields they come from are absent; a list page
 * with no `items` is an empty page, not a refusal; the filter refusal names its field; and each condition of
 * `belongsTo` (the project, a top-level operation name, a string `targetId`, the listed instance) decides on
 * its own.
 */
import { InvalidOptionError, InvalidResponseError } from "../../provider/google/errors";
import type { ResolvedEndpoint } from "../../provider/google/endpoint";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { sqladminShape } from "../../provider/google/shapes/sqladmin";
import type { Operation } from "../../provider/google/types";
import type { AnswerContext } from "../../provider/google/validate";
import { thrownBy } from "../support/outcome";

const getCtx: AnswerContext = { method: "get", resource: "the-operation" };
const listCtx: AnswerContext = { method: "list", resource: "the-parent" };
const TYPE_URL = "type.googleapis.com/google.cloud.sql.v1.Operation";
const asked = parseOperationName("projects/sql-proj/operations/op-1");
const instance = parseParentName("projects/sql-proj/instances/db-1");

describe("a Cloud SQL operation's string fields", () => {
    test.each(["operationType", "targetId", "targetProject", "targetLink", "selfLink", "insertTime", "startTime", "endTime", "user"])(
        "%s of another type is refused, by name",
        (field) => {
            const error = thrownBy(() => sqladminShape.readOperation({ name: "op-1", [field]: 5 }, asked, getCtx));
            expect(error).toBeInstanceOf(InvalidResponseError);
            expect((error as Error).message).toBe(
                `get the-operation: the server's answer is not a valid Operation: the body.${field} is number 5, not a string. ` +
                    "Check that endpoint points at a Google API (or the emulator); nothing was taken from this answer",
            );
        },
    );
});

describe("a Cloud SQL operation's metadata", () => {
    test("has no target, verb or createTime when the fields they come from are absent", () => {
        expect(sqladminShape.readOperation({ name: "op-1", status: "PENDING" }, asked, getCtx)).toStrictEqual({
            name: "projects/sql-proj/operations/op-1",
            metadata: { "@type": TYPE_URL, status: "PENDING" },
        });
    });

    test("each of them is there when its own field is, and only then", () => {
        expect(sqladminShape.readOperation({ name: "op-1", targetId: "db-1" }, asked, getCtx).metadata).toStrictEqual({
            "@type": TYPE_URL,
            targetId: "db-1",
            target: "projects/sql-proj/instances/db-1",
        });
        expect(sqladminShape.readOperation({ name: "op-1", operationType: "EXPORT" }, asked, getCtx).metadata).toStrictEqual({
            "@type": TYPE_URL,
            operationType: "EXPORT",
            verb: "EXPORT",
        });
        expect(sqladminShape.readOperation({ name: "op-1", insertTime: "2026-01-01T00:00:00Z" }, asked, getCtx).metadata).toStrictEqual({
            "@type": TYPE_URL,
            insertTime: "2026-01-01T00:00:00Z",
            createTime: "2026-01-01T00:00:00Z",
        });
    });
});

describe("a Cloud SQL list page", () => {
    test("with no items is an empty page, its token kept", () => {
        expect(sqladminShape.readListPage({}, instance, listCtx)).toStrictEqual({ operations: [] });
        expect(sqladminShape.readListPage({ kind: "sql#operationsList", nextPageToken: "t2" }, instance, listCtx)).toStrictEqual({ operations: [], nextPageToken: "t2" });
    });
});

describe("a Cloud SQL listing's filter", () => {
    test("is refused, naming the filter field, with the whole advice", () => {
        const base = "https://sqladmin.example/v1/projects/sql-proj/operations";
        const endpoint = { baseUrl: "https://sqladmin.example", apiVersion: "v1", shape: "sqladmin" } as ResolvedEndpoint;
        const error = thrownBy(() => sqladminShape.listUrl(endpoint, instance, base, { filter: "done=false" }));
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect({ field: (error as InvalidOptionError).field, message: (error as Error).message }).toEqual({
            field: "filter",
            message: "Cloud SQL's operations list takes no filter; select with verbs or olderThan instead",
        });
    });
});

describe("which listed Cloud SQL operations belong to the instance listed", () => {
    const view = (metadata: Record<string, unknown>): Operation => ({ name: "projects/sql-proj/operations/op-1", metadata: { "@type": TYPE_URL, ...metadata } });
    const mine = parseOperationName("projects/sql-proj/operations/op-1");

    test("one of the instance's project, naming the instance as its target, does", () => {
        expect(sqladminShape.belongsTo(mine, view({ targetId: "db-1" }), instance)).toBe(true);
    });

    test.each<[string, string, Record<string, unknown>, string]>([
        ["of another project", "projects/other-proj/operations/op-1", { targetId: "db-1" }, "projects/sql-proj/instances/db-1"],
        ["whose name is not a top-level operation's", "projects/sql-proj/locations/us-central1/operations/op-1", { targetId: "db-1" }, "projects/sql-proj/instances/db-1"],
        ["of another instance", "projects/sql-proj/operations/op-1", { targetId: "db-2" }, "projects/sql-proj/instances/db-1"],
        ["with no target, under a parent that names no instance", "projects/sql-proj/operations/op-1", {}, "projects/sql-proj/locations/us-central1"],
        ["with a target that is not a string", "projects/sql-proj/operations/op-1", { targetId: 1 }, "projects/sql-proj/instances/db-1"],
    ])("one %s does not", (_label, child, metadata, parent) => {
        expect(sqladminShape.belongsTo(parseOperationName(child), view(metadata), parseParentName(parent))).toBe(false);
    });
});
