import type * as Undici from "undici";

/** The two parts of undici the client uses: everything else goes through a dispatcher's `dispatch`. */
export interface UndiciDispatchers {
    Agent: typeof Undici.Agent;
    EnvHttpProxyAgent: typeof Undici.EnvHttpProxyAgent;
}

/**
 * Where undici keeps those two classes. Its index loads every part (fetch, WebSocket, mocks, caches):
 * about 120 ms of a cold start against about 45 ms for these two modules, in every process that sends
 * a request (the dynamic-provider host, each command line). The index also adds `request()` and `stream()`
 * to every dispatcher; the client needs only `dispatch()`. undici declares no `exports` map, so the
 * files are reachable; `tests/overhead/undiciParts.test.ts` checks that they are the very classes the
 * index exports, so an undici that moves them fails the suite, and `undici()` falls back to the index.
 */
export const UNDICI_PARTS = {
    Agent: "undici/lib/dispatcher/agent",
    EnvHttpProxyAgent: "undici/lib/dispatcher/env-http-proxy-agent",
} as const;

const loaded: Partial<UndiciDispatchers> = {};

function loadPart<K extends keyof UndiciDispatchers>(part: K): UndiciDispatchers[K] {
    try {
        const exported = require(UNDICI_PARTS[part]) as unknown;
        if (typeof exported === "function") return exported as UndiciDispatchers[K];
    } catch {
        // A layout of undici without that file: its index has the same class.
    }
    return (require("undici") as typeof Undici)[part];
}

/**
 * undici's dispatcher classes, each loaded when first asked for (at the first request, or the first
 * dispatcher made), not when the client is imported: `--help` and a process that sends nothing never
 * load undici at all, and a process without a proxy never loads the proxy agent.
 */
export function undici(): UndiciDispatchers {
    return {
        get Agent() {
            return (loaded.Agent ??= loadPart("Agent"));
        },
        get EnvHttpProxyAgent() {
            return (loaded.EnvHttpProxyAgent ??= loadPart("EnvHttpProxyAgent"));
        },
    };
}
