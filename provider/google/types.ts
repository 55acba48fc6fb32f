/**
 * Wire types of Google's long-running operations API over REST (JSON mapping of
 * `google.longrunning.Operation` and `google.rpc.Status`).
 */

/** A `google.protobuf.Any` in its JSON form: `@type` plus the message's fields. */
export interface AnyMessage {
    "@type"?: string;
    [field: string]: unknown;
}

/** `google.rpc.Status` as JSON. */
export interface RpcStatus {
    code: number;
    message?: string;
    details?: AnyMessage[];
}

/** `google.longrunning.Operation` as JSON. `done` is omitted by Google while it is false. */
export interface Operation {
    name: string;
    metadata?: AnyMessage;
    done?: boolean;
    error?: RpcStatus;
    response?: AnyMessage;
}

/** `google.longrunning.ListOperationsResponse` as JSON. */
export interface ListOperationsResponse {
    operations?: Operation[];
    nextPageToken?: string;
    unreachable?: string[];
}

/**
 * What became of an operation after a cancel was attempted.
 * - `CANCELLED`: done with `error.code` 1.
 * - `SUCCEEDED`: finished anyway, without error.
 * - `FAILED`: finished with another error.
 * - `RUNNING`: still running when the wait ended (cancel requested or not waited for).
 * - `NOT_FOUND`: the operation does not exist (or has expired).
 * - `UNSUPPORTED`: the service answered `UNIMPLEMENTED` to the cancel.
 * - `ENDED`: done after a cancel was requested, but the service's operation shape cannot tell whether the
 *   cancel stopped it (GKE: `DONE` without a `CANCELLED` error; Cloud SQL: `DONE` with an error).
 */
export type Outcome = "CANCELLED" | "SUCCEEDED" | "FAILED" | "RUNNING" | "NOT_FOUND" | "UNSUPPORTED" | "ENDED";

/** Every outcome, in a stable order. */
export const OUTCOMES: readonly Outcome[] = ["CANCELLED", "SUCCEEDED", "FAILED", "RUNNING", "NOT_FOUND", "UNSUPPORTED", "ENDED"];
