import { RpcCode } from "./status";
import type { OperationShape } from "./registry";
import type { Operation, Outcome } from "./types";

/** The outcome an operation's current state shows: only a done operation with `error.code` 1 is `CANCELLED`. */
export function outcomeOf(operation: Operation): Outcome {
    if (!operation.done) return "RUNNING";
    if (operation.error) return operation.error.code === RpcCode.CANCELLED ? "CANCELLED" : "FAILED";
    return "SUCCEEDED";
}

/**
 * The outcome for a service's operation shape, knowing whether a cancel was requested. google.longrunning
 * shows a cancellation for certain (`error.code` 1). The others cannot always:
 * - GKE (`container`): an aborted operation ends `DONE`; only an error with code 1 says it was cancelled, so
 *   any other ending after a cancel is `ENDED`.
 * - Cloud SQL (`sqladmin`): a cancelled operation ends `DONE` with an error whose codes are not documented,
 *   so an error after a cancel is `ENDED`; `DONE` without an error finished anyway (`SUCCEEDED`).
 */
export function outcomeForShape(shape: OperationShape, operation: Operation, cancelRequested: boolean): Outcome {
    const base = outcomeOf(operation);
    if (!cancelRequested || shape === "longrunning") return base;
    if (shape === "container") return base === "SUCCEEDED" || base === "FAILED" ? "ENDED" : base;
    return base === "FAILED" ? "ENDED" : base;
}

/** True once an operation no longer runs, whatever its ending. */
export function isFinished(outcome: Outcome): boolean {
    return outcome === "CANCELLED" || outcome === "SUCCEEDED" || outcome === "FAILED" || outcome === "ENDED";
}
