/**
 * Every answer is checked against the shape of the Operations API before anything reads it: a
 * `google.longrunning.Operation` for get, a `ListOperationsResponse` for list, `google.protobuf.Empty`
 * for cancel and delete. What does not fit fails with an {@link InvalidResponseError} saying what was wrong.
 */
import { InvalidResponseError, type OperationsMethod } from "./errors";
import { quoteInput, segmentsOfRef, type OperationRef, type ParentRef } from "./names";
import type { ListOperationsResponse, Operation } from "./types";

/** Where an answer came from, for messages. */
export interface AnswerContext {
    method: OperationsMethod;
    /** The operation (or parent) asked about. */
    resource: string;
}

const MAX_SHOWN = 80;

/** A short, safe description of an unexpected value, for messages. */
export function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "string") return `the string ${quoteInput(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value)}`;
    if (typeof value === "object") return "an object";
    return `${typeof value} ${String(value).slice(0, MAX_SHOWN)}`;
}

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Refuses an answer, saying what was wrong with it. */
export function fail(ctx: AnswerContext, what: string): never {
    throw new InvalidResponseError(
        `${ctx.method} ${ctx.resource}: the server's answer is not a valid ${ctx.method === "list" ? "ListOperationsResponse" : ctx.method === "get" ? "Operation" : "answer"}: ${what}. ` +
            "Check that endpoint points at a Google API (or the emulator); nothing was taken from this answer",
    );
}

/** Proto3 JSON accepts `null` for any field as its default: such fields are dropped. */
export function withoutNulls(object: Record<string, unknown>): Record<string, unknown> {
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(object)) {
        if (object[key] === null) {
            copy ??= { ...object };
            delete copy[key];
        }
    }
    return copy ?? object;
}

/** Checks a `google.rpc.Status`. */
export function checkStatus(value: unknown, ctx: AnswerContext, where: string): void {
    if (!isObject(value)) fail(ctx, `${where} is ${describe(value)}, not a google.rpc.Status object`);
    const status = withoutNulls(value);
    if (status.code !== undefined && !(typeof status.code === "number" && Number.isInteger(status.code))) {
        fail(ctx, `${where}.code is ${describe(status.code)}, not an integer`);
    }
    if (status.message !== undefined && typeof status.message !== "string") fail(ctx, `${where}.message is ${describe(status.message)}, not a string`);
    if (status.details !== undefined) {
        if (!Array.isArray(status.details)) fail(ctx, `${where}.details is ${describe(status.details)}, not an array`);
        status.details.forEach((d, i) => {
            if (!isObject(d)) fail(ctx, `${where}.details[${i}] is ${describe(d)}, not an object`);
        });
    }
}

/**
 * Checks one `google.longrunning.Operation`: an object whose `name` is a string, `done` a boolean when
 * present, `metadata` and `response` objects, `error` a `google.rpc.Status`, and not both `error` and
 * `response`. `where` names it in messages (`the body`, `operations[3]`).
 */
export function checkOperation(value: unknown, ctx: AnswerContext, where = "the body"): Operation {
    if (value === undefined) fail(ctx, `${where} is empty`);
    if (!isObject(value)) fail(ctx, `${where} is ${describe(value)}, not an Operation object`);
    const operation = withoutNulls(value);
    if (typeof operation.name !== "string") fail(ctx, `${where}.name is ${operation.name === undefined ? "missing" : describe(operation.name)}, not the operation's name`);
    if (operation.done !== undefined && typeof operation.done !== "boolean") fail(ctx, `${where}.done is ${describe(operation.done)}, not a boolean`);
    for (const key of ["metadata", "response"] as const) {
        if (operation[key] !== undefined && !isObject(operation[key])) fail(ctx, `${where}.${key} is ${describe(operation[key])}, not an object`);
    }
    if (operation.error !== undefined) checkStatus(operation.error, ctx, `${where}.error`);
    return operation as unknown as Operation;
}

/**
 * Checks that the operation answered is the one asked for: the same location and id, and the same
 * project, or its project number where the name was given with the project id (services such as
 * Vertex AI write names with the number). The request went to exactly the operation asked for; an
 * answer about any other operation is refused, never taken for this one.
 */
export function checkSameOperation(operation: Operation, asked: OperationRef, ctx: AnswerContext): Operation {
    if (operation.name === asked.name) return operation;
    const answered = operation.name.split("/");
    const expected = segmentsOfRef(asked).flatMap(([c, id]) => [c, id]);
    const same =
        answered.length === expected.length &&
        answered.every((part, i) => part === expected[i] || (i === 1 && /^\d+$/.test(part) && !/^\d+$/.test(asked.project)));
    if (!same) fail(ctx, `it names the operation ${quoteInput(operation.name)}, not ${asked.name}`);
    return operation;
}

/** Checks a `ListOperationsResponse` page: `operations` an array of Operations, `nextPageToken` a string, `unreachable` strings. */
export function checkListPage(value: unknown, ctx: AnswerContext): ListOperationsResponse {
    if (value === undefined) return {};
    if (!isObject(value)) fail(ctx, `the body is ${describe(value)}, not a ListOperationsResponse object`);
    const page = withoutNulls(value);
    if (page.operations !== undefined) {
        if (!Array.isArray(page.operations)) fail(ctx, `operations is ${describe(page.operations)}, not an array`);
        page.operations.forEach((o, i) => checkOperation(o, ctx, `operations[${i}]`));
    }
    if (page.nextPageToken !== undefined && typeof page.nextPageToken !== "string") fail(ctx, `nextPageToken is ${describe(page.nextPageToken)}, not a string`);
    if (page.unreachable !== undefined) {
        if (!Array.isArray(page.unreachable) || page.unreachable.some((u) => typeof u !== "string")) fail(ctx, "unreachable is not an array of strings");
    }
    return {
        ...(page.operations !== undefined ? { operations: (page.operations as unknown[]).map((o) => withoutNulls(o as Record<string, unknown>) as unknown as Operation) } : {}),
        ...(page.nextPageToken !== undefined ? { nextPageToken: page.nextPageToken as string } : {}),
        ...(page.unreachable !== undefined ? { unreachable: page.unreachable as string[] } : {}),
    };
}

/** Checks the answer to cancel or delete: `google.protobuf.Empty`, i.e. an empty body or a JSON object. */
export function checkEmpty(value: unknown, ctx: AnswerContext): void {
    if (value !== undefined && !isObject(value)) fail(ctx, `the body is ${describe(value)}, not an object (google.protobuf.Empty)`);
}

/**
 * A listed operation's name is a child of the parent listed: the same project, and the same path below
 * it (a parent's `-` location matches any location).
 */
export function isChildOf(child: Pick<OperationRef, "project" | "location" | "name" | "segments">, parent: Pick<ParentRef, "project" | "location" | "name" | "segments">): boolean {
    if (child.project !== parent.project) return false;
    const childSegments = segmentsOfRef(child);
    const parentSegments = segmentsOfRef(parent);
    if (childSegments.length !== parentSegments.length + 1) return false;
    return parentSegments.every(([collection, id], i) => childSegments[i][0] === collection && (childSegments[i][1] === id || (id === "-" && i > 0)));
}
