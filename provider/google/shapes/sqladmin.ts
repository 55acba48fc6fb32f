import { InvalidOptionError } from "../errors";
import { resourceUrl } from "../endpoint";
import { quoteInput, type OperationRef, type ParentRef } from "../names";
import { RpcCode } from "../status";
import type { AnyMessage, ListOperationsResponse, Operation, RpcStatus } from "../types";
import { describe, fail, isObject, withoutNulls, type AnswerContext } from "../validate";
import { checkIdStatusAndStrings } from "./fields";
import type { ShapeAdapter } from "./types";

/** `sql#operation` status (sqladmin/v1 discovery document). */
const STATUSES = new Set(["SQL_OPERATION_STATUS_UNSPECIFIED", "PENDING", "RUNNING", "DONE"]);
const TYPE_URL = "type.googleapis.com/google.cloud.sql.v1.Operation";

function checkSqlOperation(value: unknown, ctx: AnswerContext, where: string): Record<string, unknown> {
    if (!isObject(value)) fail(ctx, `${where} is ${describe(value)}, not a Cloud SQL operation object`);
    const op = withoutNulls(value);
    if (op.kind !== undefined && op.kind !== "sql#operation") fail(ctx, `${where}.kind is ${describe(op.kind)}, not sql#operation`);
    checkIdStatusAndStrings(op, ctx, where, STATUSES, ["operationType", "targetId", "targetProject", "targetLink", "selfLink", "insertTime", "startTime", "endTime", "user"]);
    if (op.error !== undefined) {
        const errors = isObject(op.error) ? op.error.errors : undefined;
        if (!Array.isArray(errors) || errors.some((e) => !isObject(e) || (e.code !== undefined && typeof e.code !== "string") || (e.message !== undefined && typeof e.message !== "string"))) {
            fail(ctx, `${where}.error is not a sql#operationErrors object with errors[] of {code, message} strings`);
        }
    }
    return op;
}

/** Cloud SQL's `errors[]` as one `google.rpc.Status` (code UNKNOWN: Cloud SQL's codes are its own strings), kept whole in `details`. */
function statusOf(error: unknown): RpcStatus | undefined {
    const errors = (isObject(error) ? (error.errors as Array<{ code?: string; message?: string }>) : undefined) ?? [];
    if (errors.length === 0) return undefined;
    return {
        code: RpcCode.UNKNOWN,
        message: errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; "),
        details: [{ "@type": "type.googleapis.com/google.cloud.sql.v1.OperationErrors", errors }],
    };
}

function viewOf(op: Record<string, unknown>, project: string): Operation {
    const done = op.status === "DONE";
    const { name, error, ...fields } = op;
    const targetProject = typeof op.targetProject === "string" ? op.targetProject : project;
    const metadata: AnyMessage = {
        "@type": TYPE_URL,
        ...fields,
        ...(typeof op.targetId === "string" ? { target: `projects/${targetProject}/instances/${op.targetId}` } : {}),
        ...(typeof op.operationType === "string" ? { verb: op.operationType } : {}),
        ...(typeof (op.insertTime ?? op.startTime) === "string" ? { createTime: (op.insertTime ?? op.startTime) as string } : {}),
    };
    const status = done ? statusOf(error) : undefined;
    return { name: `projects/${project}/operations/${name as string}`, metadata, ...(done ? { done: true } : {}), ...(status ? { error: status } : {}) };
}

function instanceOf(parent: ParentRef): string | undefined {
    const segments = parent.segments ?? [];
    return segments.length === 2 && segments[1][0] === "instances" ? segments[1][1] : undefined;
}

/** Cloud SQL Admin (`sqladmin.googleapis.com/v1`): `sql#operation`, `POST …/cancel`, lists by instance. */
export const sqladminShape: ShapeAdapter = {
    shape: "sqladmin",
    readOperation(json, asked: OperationRef, ctx) {
        const op = checkSqlOperation(json, ctx, "the body");
        if (op.name !== asked.operation) fail(ctx, `it names the operation ${quoteInput(op.name)}, not ${asked.operation}`);
        return viewOf(op, asked.project);
    },
    readListPage(json, parent: ParentRef, ctx): ListOperationsResponse {
        if (json === undefined) return {};
        if (!isObject(json)) fail(ctx, `the body is ${describe(json)}, not a sql#operationsList object`);
        const page = withoutNulls(json);
        if (page.kind !== undefined && page.kind !== "sql#operationsList") fail(ctx, `kind is ${describe(page.kind)}, not sql#operationsList`);
        if (page.items !== undefined && !Array.isArray(page.items)) fail(ctx, `items is ${describe(page.items)}, not an array`);
        if (page.nextPageToken !== undefined && typeof page.nextPageToken !== "string") fail(ctx, `nextPageToken is ${describe(page.nextPageToken)}, not a string`);
        const operations = ((page.items as unknown[] | undefined) ?? []).map((o, i) => viewOf(checkSqlOperation(o, ctx, `items[${i}]`), parent.project));
        return { operations, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken as string } : {}) };
    },
    listBase(endpoint, parent, field) {
        if (instanceOf(parent) === undefined) {
            throw new InvalidOptionError(field, `${field} ${parent.name}: Cloud SQL lists operations per instance; name it as projects/{project}/instances/{instance}`);
        }
        return resourceUrl(endpoint, { name: `projects/${parent.project}`, segments: [["projects", parent.project]] }, "/operations", field);
    },
    listUrl(_endpoint, parent, base, query) {
        if (query.filter) throw new InvalidOptionError("filter", "Cloud SQL's operations list takes no filter; select with verbs or olderThan instead");
        const params = new URLSearchParams({ instance: instanceOf(parent) as string });
        if (query.pageSize) params.set("maxResults", String(query.pageSize));
        if (query.pageToken) params.set("pageToken", query.pageToken);
        return `${base}?${params.toString()}`;
    },
    belongsTo(child, view, parent) {
        const target = view.metadata?.targetId;
        return child.project === parent.project && child.segments?.length === 2 && typeof target === "string" && target === instanceOf(parent);
    },
};
