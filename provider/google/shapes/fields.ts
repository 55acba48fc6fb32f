import { describe, fail, type AnswerContext } from "../validate";

/**
 * The checks GKE's and Cloud SQL's operations share: `name` a non-empty id, `status` one of the shape's
 * enum values when present, and each of `strings` a string when present.
 */
export function checkIdStatusAndStrings(op: Record<string, unknown>, ctx: AnswerContext, where: string, statuses: ReadonlySet<string>, strings: readonly string[]): void {
    if (typeof op.name !== "string" || op.name === "") fail(ctx, `${where}.name is ${op.name === undefined ? "missing" : describe(op.name)}, not the operation's id`);
    if (op.status !== undefined && (typeof op.status !== "string" || !statuses.has(op.status))) {
        fail(ctx, `${where}.status is ${describe(op.status)}, not one of ${[...statuses].join(", ")}`);
    }
    for (const key of strings) {
        if (op[key] !== undefined && typeof op[key] !== "string") fail(ctx, `${where}.${key} is ${describe(op[key])}, not a string`);
    }
}
