/** Messages between the bench and its emulator worker (plain data only). */

/** What the worker's request log holds, optionally within [from, to) by arrival time. */
export interface LogStats {
    total: number;
    get: number;
    cancel: number;
    list: number;
    /** Requests answered 429. */
    throttled: number;
    firstAt: number;
    lastAt: number;
}

export type Command =
    | { kind: "start"; options: Record<string, unknown> }
    | { kind: "add"; operations: Array<Record<string, unknown> & { name: string }> }
    | { kind: "storm"; rule: Record<string, unknown>; ms: number }
    | { kind: "stats"; from?: number; to?: number }
    | { kind: "resetLog" }
    | { kind: "stop" };
