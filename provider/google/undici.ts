import type * as Undici from "undici";

/**
 * Where undici keeps its `Agent`. Its index loads every part (fetch, WebSocket, mocks, caches): about
 * 120 ms of a cold start against about 45 ms for the agent's module, in every process that sends a request
 * (the dynamic-provider host, each command line). The client sends through `dispatch()` alone, which the
 * agent has by itself. undici declares no `exports` map, so the file is reachable;
 * `tests/overhead/lazyUndici.test.ts` checks that it holds the very class the index exports (an undici
 * that moves it fails the suite, and the loader falls back to the index).
 *
 * The proxy agent comes from the index: it tunnels with `connect()`, which only the index adds to every
 * dispatcher (`Object.assign(Dispatcher.prototype, api)`); loaded on its own it fails each request with
 * "this[kClient].connect is not a function" (`tests/sweep/forms.test.ts` through `HTTPS_PROXY`).
 */
export const UNDICI_AGENT_MODULE = "undici/lib/dispatcher/agent";

let agent: typeof Undici.Agent | undefined;

/**
 * undici's `Agent`, loaded at the first request (or the first dispatcher made), not when the client is
 * imported: `--help` and a process that sends nothing never load undici at all.
 */
export function undiciAgent(): typeof Undici.Agent {
    return (agent ??= loadAgent());
}

/** undici's `EnvHttpProxyAgent`, from its index (above): loaded only when a proxy is set. */
export function undiciProxyAgent(): typeof Undici.EnvHttpProxyAgent {
    return (require("undici") as typeof Undici).EnvHttpProxyAgent;
}

function loadAgent(): typeof Undici.Agent {
    try {
        const exported = require(UNDICI_AGENT_MODULE) as unknown;
        if (typeof exported === "function") return exported as typeof Undici.Agent;
    } catch {
        // A layout of undici without that file: its index has the same class.
    }
    return (require("undici") as typeof Undici).Agent;
}
