import type { ParentRef } from "../google/names";
import type { SharedBackoff } from "../google/retry";
import type { Outcome } from "../google/types";

/** Which operations a sweep takes, beyond the parent. Every criterion given must match. */
export interface SweepSelection {
    /** `metadata.target` equals this (one delivery pipeline, one cluster). */
    target?: string;
    /** `metadata.target` starts with this. */
    targetPrefix?: string;
    /** `metadata.verb` is one of these (`create`, `update`, `delete`, ...). */
    verbs?: string[];
    /** The operation was created at least this long ago (`metadata.createTime`), in ms. */
    olderThanMs?: number;
    /** A server-side filter sent with ListOperations (support varies by service); client-side selection still applies. */
    filter?: string;
}

/** Options of a sweep. */
export interface SweepOptions {
    /** `projects/{project}/locations/{location}` in any accepted form. */
    parent: string | ParentRef;
    selection?: SweepSelection;
    /** List and select only; send no cancel. */
    dryRun?: boolean;
    /** Wait for each cancelled operation to be done (default true). */
    wait?: boolean;
    /** Overall deadline of the whole sweep, in ms (default 20 minutes). */
    timeoutMs?: number;
    /** Cancels in flight at once (default 8). */
    maxConcurrency?: number;
    /**
     * Operations whose cancel an earlier sweep already sent (or may have sent): they are confirmed (GET) but
     * never sent a second cancel.
     */
    alreadyRequested?: ReadonlySet<string>;
    /** ListOperations page size (default 100). */
    pageSize?: number;
    signal?: AbortSignal;
    /** Progress events, for progress bars and log lines. */
    onEvent?: (event: SweepEvent) => void;
    /**
     * The backoff the client was built with (its `backoff` option), watched to emit `throttled` events.
     * The client's own backoff is what every request of the sweep waits on; this only reports it.
     */
    backoff?: SharedBackoff;
    /**
     * Which items `SweepResult.items` keeps: `all` (default) or `unresolved` (only those still running or
     * failed). With `unresolved` the sweep's memory stays flat however many operations match: every item
     * still goes to `onEvent`, and the counts stay complete.
     */
    retainItems?: "all" | "unresolved";
}

/** Whether a cancel request reached the server. */
export type CancelDelivery = "sent" | "not-sent" | "unknown";

/** What happened to one selected operation. `SKIPPED` = dry run: matched, not cancelled. */
export type SweepItemOutcome = Outcome | "SKIPPED" | "ERROR";

/** One selected operation's result (small: the sweep keeps one per match, not the operation itself). */
export interface SweepItem {
    name: string;
    outcome: SweepItemOutcome;
    /** True when the server accepted a cancel sent by this sweep. */
    cancelSent: boolean;
    /**
     * What became of this sweep's cancel request: `sent` (the server accepted it), `not-sent` (never written,
     * or refused by the server), or `unknown` (written, but the call ended without an answer: interrupted,
     * timed out or cut off, so the server may have received it).
     */
    cancel: CancelDelivery;
    target?: string;
    verb?: string;
    createTime?: string;
    /** Why it failed (ERROR, or NOT_FOUND/UNSUPPORTED), with HTTP and Google status when known. */
    error?: { message: string; httpStatus?: number; status?: string };
}

/** Counts by result. */
export interface SweepCounts {
    /** Operations listed (every page). */
    listed: number;
    /** Selected by the criteria and still running when listed. */
    matched: number;
    cancelled: number;
    /** Finished on their own (SUCCEEDED/FAILED) before the cancel took effect. */
    alreadyDone: number;
    /** Done after the cancel, where the service's shape cannot tell whether the cancel stopped it (GKE, Cloud SQL): `ENDED`. */
    ended: number;
    /** Still running at the deadline. */
    running: number;
    /** ERROR, NOT_FOUND or UNSUPPORTED. */
    failed: number;
    /** Matched in a dry run. */
    skipped: number;
}

/** The result of a sweep. */
export interface SweepResult {
    parent: string;
    dryRun: boolean;
    counts: SweepCounts;
    items: SweepItem[];
    /** HTTP requests made, retries included. */
    requests: number;
    elapsedMs: number;
    /** False when the deadline or the signal stopped the sweep before the last page was listed. */
    complete?: boolean;
    /** What stopped the sweep early, if anything. */
    stoppedBy?: "deadline" | "signal";
}

/** Progress of a sweep. */
export type SweepEvent =
    | { kind: "page"; listed: number; matched: number }
    | { kind: "item"; item: SweepItem; completed: number; matched: number }
    | { kind: "throttled"; delayMs: number };
