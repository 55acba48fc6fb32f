import { RpcCode } from "./status";
import type { Operation, Outcome } from "./types";

/** The outcome an operation's current state shows: only a done operation with `error.code` 1 is `CANCELLED`. */
export function outcomeOf(operation: Operation): Outcome {
    if (!operation.done) return "RUNNING";
    if (operation.error) return operation.error.code === RpcCode.CANCELLED ? "CANCELLED" : "FAILED";
    return "SUCCEEDED";
}

/** True once an operation no longer runs, whatever its ending. */
export function isFinished(outcome: Outcome): boolean {
    return outcome === "CANCELLED" || outcome === "SUCCEEDED" || outcome === "FAILED";
}
