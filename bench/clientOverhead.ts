/**
 * Bench 3: the cost of one `getOperation` call, sequentially, with connections reused (the shared
 * keep-alive dispatcher) or not (a fresh undici Agent per call, closed after it). New TCP connections are
 * counted through undici's `undici:client:connected` diagnostics channel.
 */
import * as diagnostics from "node:diagnostics_channel";
import { Agent } from "undici";
import { OperationsClient, type OperationsClientOptions } from "../provider/google";
import { heading, int, median, ratio, seconds, table, withTimeout } from "./format";
import type { RemoteEmulator } from "./remoteEmulator";

const CALLS = 2_000;
const WARMUP = 200;
const ROUNDS = 3;
const NAME = "projects/bench-client/locations/us-central1/operations/get-me";

let connections = 0;
const onConnected = () => {
    connections++;
};

interface Variant {
    key: string;
    label: string;
    /** One call; returns when done and its resources are released. */
    call: () => Promise<void>;
}

function variants(url: string): Variant[] {
    const base: OperationsClientOptions = { service: "clouddeploy", endpoint: url, credentials: { accessToken: "emulator-token" } };
    const shared = new OperationsClient(base);
    return [
        {
            key: "shared",
            label: "one client, shared keep-alive dispatcher",
            call: async () => {
                await shared.getOperation(NAME);
            },
        },
        {
            key: "newClient",
            label: "new client per call, shared dispatcher",
            call: async () => {
                await new OperationsClient(base).getOperation(NAME);
            },
        },
        {
            key: "freshAgent",
            label: "new client + fresh undici Agent per call",
            call: async () => {
                const agent = new Agent();
                try {
                    await new OperationsClient({ ...base, dispatcher: agent }).getOperation(NAME);
                } finally {
                    await agent.close();
                }
            },
        },
    ];
}

export async function benchClientOverhead(emulator: RemoteEmulator): Promise<void> {
    heading(`3. Client overhead: ${int(CALLS)} sequential getOperation calls`);
    const url = await emulator.start();
    await emulator.add([{ name: NAME }]);
    diagnostics.subscribe("undici:client:connected", onConnected);
    try {
        const list = variants(url);
        const results = new Map<string, Array<{ ms: number; connections: number }>>();
        for (const v of list) for (let i = 0; i < WARMUP; i++) await v.call();
        // Rounds interleave the variants, so drift of the machine spreads over all of them.
        for (let round = 0; round < ROUNDS; round++) {
            for (const v of list) {
                await emulator.resetLog();
                connections = 0;
                const started = performance.now();
                await withTimeout(
                    (async () => {
                        for (let i = 0; i < CALLS; i++) await v.call();
                    })(),
                    60_000,
                    `client bench (${v.label})`,
                );
                const ms = performance.now() - started;
                const served = await emulator.stats();
                if (served.get !== CALLS) throw new Error(`${v.label}: emulator served ${served.get} GETs, expected ${CALLS}`);
                results.set(v.key, [...(results.get(v.key) ?? []), { ms, connections }]);
            }
        }
        const opsPerSec = (key: string) => (CALLS / median((results.get(key) ?? []).map((r) => r.ms))) * 1000;
        const baseline = opsPerSec("shared");
        console.log(`${WARMUP} warm-up calls per variant, then ${ROUNDS} interleaved rounds of ${int(CALLS)}; median round. new connections = TCP connects seen by undici.`);
        console.log(
            table(
                ["variant", "ops/s", "µs/call", "round times", "new connections", "vs shared dispatcher"],
                list.map((v) => {
                    const runs = results.get(v.key) ?? [];
                    const ops = opsPerSec(v.key);
                    return [
                        v.label,
                        int(ops),
                        int(1e6 / ops),
                        runs.map((r) => seconds(r.ms)).join(", "),
                        runs.map((r) => int(r.connections)).join(", "),
                        v.key === "shared" ? "(baseline)" : `throughput ${ratio(ops, baseline)}, time per call ${ratio(baseline, ops)}`,
                    ];
                }),
            ),
        );
        // What a new client costs by itself (no request): the gap between the first two rows, explained or not.
        const base: OperationsClientOptions = { service: "clouddeploy", endpoint: url, credentials: { accessToken: "emulator-token" } };
        const t0 = performance.now();
        for (let i = 0; i < CALLS; i++) new OperationsClient(base);
        const constructUs = ((performance.now() - t0) * 1000) / CALLS;
        console.log(`Constructing an OperationsClient alone (no request): ${constructUs.toFixed(0)} µs each (${int(CALLS)} constructed).`);
    } finally {
        diagnostics.unsubscribe("undici:client:connected", onConnected);
    }
}
