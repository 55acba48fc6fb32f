/** Messages between the bench and its emulator process (plain data only). */

/** What the emulator's request log holds. */
export interface LogStats {
    total: number;
    get: number;
    cancel: number;
    list: number;
}

export type Command =
    /** A fresh emulator; every request answered `latencyMs` late (0: at once). */
    | { kind: "start"; options: Record<string, unknown>; latencyMs: number }
    /** `count` running operations `{parent}/operations/{prefix}-00001`…, each cancelled at once. */
    | { kind: "addRunning"; parent: string; prefix: string; count: number; extra?: Record<string, unknown> }
    | { kind: "stats" }
    | { kind: "resetLog" }
    | { kind: "stop" };
