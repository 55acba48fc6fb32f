import type * as Undici from "undici";

let loaded: typeof Undici | undefined;

/**
 * undici, loaded at the first request (or the first dispatcher made), not when the client is imported:
 * its index loads every part (fetch, WebSocket, mocks), about half of a command line's start-up, which
 * `--help` and a process that sends nothing never need.
 */
export function undici(): typeof Undici {
    return (loaded ??= require("undici") as typeof Undici);
}
