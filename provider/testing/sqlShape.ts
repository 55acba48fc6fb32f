/**
 * Cloud SQL Admin's operation (`sql#operation`, sqladmin/v1 discovery document, schema `Operation`),
 * its errors (`sql#operationErrors`) and list answer (`sql#operationsList`).
 */
import type { OperationState, Phase } from "./operationState";

/** Root of Cloud SQL links for an API version: `v1` is served at `/v1`, `v1beta4` at `/sql/v1beta4`. */
export function sqlRoot(version: string): string {
    return version === "v1" ? "https://sqladmin.googleapis.com/v1" : `https://sqladmin.googleapis.com/sql/${version}`;
}

/** The `code` of `sql#operationError` a cancelled operation ends with (unverified: docs/emulator.md, "Cloud SQL"). */
export const SQL_CANCELLED_CODE = "OPERATION_CANCELLED";

/** The instance an operation runs on (`targetId`). */
export function sqlTargetId(op: OperationState): string {
    return op.script.targetId ?? "instance-1";
}

/**
 * The operation at a phase. `status` is `RUNNING` until done (Cloud SQL has no aborting state); the
 * scripted error's code, when a name, is written as the `sql#operationError` code string.
 */
export function sqlOperation(op: OperationState, phase: Phase, version: string): Record<string, unknown> {
    const root = sqlRoot(version);
    const targetId = sqlTargetId(op);
    const wire: Record<string, unknown> = {
        kind: "sql#operation",
        targetLink: op.script.targetLink ?? `${root}/projects/${op.project}/instances/${targetId}`,
        status: phase.status === "DONE" ? "DONE" : "RUNNING",
        user: op.script.user ?? "user@example.com",
        insertTime: op.createTime,
        startTime: op.createTime,
    };
    if (phase.endedAt !== undefined) wire.endTime = new Date(phase.endedAt).toISOString();
    if (phase.error) {
        const scripted = op.script.result && "error" in op.script.result ? op.script.result.error.code : undefined;
        const code = phase.cancelled ? SQL_CANCELLED_CODE : typeof scripted === "string" ? scripted : String(phase.error.code);
        wire.error = { kind: "sql#operationErrors", errors: [{ kind: "sql#operationError", code, message: phase.error.message }] };
    }
    Object.assign(wire, {
        operationType: op.script.operationType ?? "IMPORT",
        name: op.parsed.id,
        targetId,
        selfLink: `${root}/projects/${op.project}/operations/${op.parsed.id}`,
        targetProject: op.project,
    });
    return { ...wire, ...(op.script.fields ?? {}) };
}

/** One entry of the legacy `errors[]` array Cloud SQL Admin's error bodies carry. */
export interface SqlErrorEntry {
    message: string;
    domain: string;
    reason: string;
}

/** A Cloud SQL Admin error body: `{error: {code, message, errors: [{message, domain, reason}]}}` (no `status`). */
export function sqlErrorBody(httpStatus: number, message: string, reason: string): { error: { code: number; message: string; errors: SqlErrorEntry[] } } {
    return { error: { code: httpStatus, message, errors: [{ message, domain: "global", reason }] } };
}

/** The 404 for an unknown operation. */
export const SQL_NOT_FOUND = { status: 404, message: "The Cloud SQL instance operation does not exist.", reason: "operationDoesNotExist" } as const;

/** The answer to a cancel of a finished operation (unverified: docs/emulator.md, "Cloud SQL"). */
export const SQL_ALREADY_DONE = { status: 400, message: "The operation has already completed and cannot be cancelled.", reason: "invalidOperation" } as const;
