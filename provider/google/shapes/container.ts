import { InvalidOptionError } from "../errors";
import { resourceUrl } from "../endpoint";
import { quoteInput, type OperationRef, type ParentRef } from "../names";
import type { AnyMessage, ListOperationsResponse, Operation } from "../types";
import { checkStatus, describe, fail, isChildOf, isObject, withoutNulls, type AnswerContext } from "../validate";
import { resourcePathOfLink } from "./apiLink";
import { checkIdStatusAndStrings } from "./fields";
import type { ShapeAdapter } from "./types";

/** `google.container.v1.Operation.Status` (container/v1 discovery document). */
const STATUSES = new Set(["STATUS_UNSPECIFIED", "PENDING", "RUNNING", "DONE", "ABORTING"]);
const TYPE_URL = "type.googleapis.com/google.container.v1.Operation";

/** Checks one GKE operation object; `where` names it in messages. */
function checkGkeOperation(value: unknown, ctx: AnswerContext, where: string): Record<string, unknown> {
    if (!isObject(value)) fail(ctx, `${where} is ${describe(value)}, not a GKE Operation object`);
    const op = withoutNulls(value);
    checkIdStatusAndStrings(op, ctx, where, STATUSES, ["operationType", "targetLink", "selfLink", "statusMessage", "startTime", "endTime", "zone", "location"]);
    if (op.error !== undefined) checkStatus(op.error, ctx, `${where}.error`);
    return op;
}

/** The view of a GKE operation, named `name` (GKE's own `name` is the bare id). */
function viewOf(op: Record<string, unknown>, name: string): Operation {
    const done = op.status === "DONE";
    const { name: _id, error, ...fields } = op;
    void _id;
    const metadata: AnyMessage = {
        "@type": TYPE_URL,
        ...fields,
        ...(typeof op.targetLink === "string" ? { target: resourcePathOfLink(op.targetLink) } : {}),
        ...(typeof op.operationType === "string" ? { verb: op.operationType } : {}),
        ...(typeof op.startTime === "string" ? { createTime: op.startTime } : {}),
        ...(op.status === "ABORTING" ? { requestedCancellation: true } : {}),
    };
    const status = error as Operation["error"];
    return { name, metadata, ...(done ? { done: true } : {}), ...(done && status && status.code ? { error: status } : {}) };
}

/** GKE (`container.googleapis.com/v1`): `google.container.v1.Operation`, a bare id as name, a status enum, unpaged lists. */
export const containerShape: ShapeAdapter = {
    shape: "container",
    readOperation(json, asked: OperationRef, ctx) {
        const op = checkGkeOperation(json, ctx, "the body");
        if (op.name !== asked.operation && op.name !== asked.name) fail(ctx, `it names the operation ${quoteInput(op.name)}, not ${asked.operation}`);
        return viewOf(op, asked.name);
    },
    readListPage(json, parent: ParentRef, ctx): ListOperationsResponse {
        if (json === undefined) return {};
        if (!isObject(json)) fail(ctx, `the body is ${describe(json)}, not a GKE ListOperationsResponse object`);
        const page = withoutNulls(json);
        if (page.operations !== undefined && !Array.isArray(page.operations)) fail(ctx, `operations is ${describe(page.operations)}, not an array`);
        if (page.missingZones !== undefined && (!Array.isArray(page.missingZones) || page.missingZones.some((z) => typeof z !== "string"))) {
            fail(ctx, "missingZones is not an array of strings");
        }
        const collection = parent.segments?.[1]?.[0] === "zones" ? "zones" : "locations";
        const operations = ((page.operations as unknown[] | undefined) ?? []).map((o, i) => {
            const op = checkGkeOperation(o, ctx, `operations[${i}]`);
            const location = (collection === "zones" ? op.zone ?? op.location : op.location ?? op.zone) as string | undefined;
            // Listed under `-`, an operation without its own location cannot be named; the sweep refuses it by name.
            return viewOf(op, `projects/${parent.project}/${collection}/${location ?? parent.location}/operations/${op.name as string}`);
        });
        return { operations, ...(page.missingZones ? { unreachable: page.missingZones as string[] } : {}) };
    },
    listBase: (endpoint, parent, field) => resourceUrl(endpoint, parent, "/operations", field),
    listUrl(_endpoint, _parent, base, query) {
        if (query.filter) throw new InvalidOptionError("filter", "GKE's ListOperations takes no filter; select with target, targetPrefix or verbs instead");
        return base;
    },
    belongsTo: (child, _view, parent) => isChildOf(child, parent),
};
