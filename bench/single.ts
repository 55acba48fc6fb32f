/**
 * One cancel-and-confirm (a cancel that takes effect at once: GET, POST :cancel, GET), by the client
 * and by the bare-undici floor on a warm connection, interleaved sample by sample.
 */
import { OperationsClient } from "../provider/google";
import { floorCancelAndConfirm, floorPool } from "./floor";
import { exactRatio, heading, mark, ms, table } from "./format";
import type { RemoteEmulator } from "./remoteEmulator";
import type { BenchConfig } from "./config";
import { summarize, type Summary } from "./stats";

const PARENT = "projects/bench-single/locations/us-central1";
/** The ceilings of the issue: client / floor. */
const TARGET: Record<number, number> = { 0: 1.2, 20: 1.05 };

interface Cell {
    latencyMs: number;
    ours: Summary;
    floor: Summary;
    oursCpuUsPerRequest: number;
    floorCpuUsPerRequest: number;
}

function cpuUs(): number {
    const u = process.cpuUsage();
    return u.user + u.system;
}

async function cell(emulator: RemoteEmulator, latencyMs: number, config: BenchConfig): Promise<Cell> {
    const url = await emulator.start(latencyMs);
    const total = (config.singleWarmup + config.singleSamples) * 2;
    const names = await emulator.addRunning(PARENT, `l${latencyMs}`, total);
    const client = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: "emulator-token" } });
    const pool = floorPool(url, 4);
    const ours: number[] = [];
    const floor: number[] = [];
    let oursCpu = 0;
    let floorCpu = 0;
    let k = 0;
    try {
        for (let i = 0; i < config.singleWarmup + config.singleSamples; i++) {
            const measured = i >= config.singleWarmup;
            // Alternate which goes first, so neither always follows the other.
            const order = i % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const);
            for (const who of order) {
                const name = names[k++];
                const c0 = cpuUs();
                const t0 = performance.now();
                if (who === "ours") {
                    const result = await client.cancelAndConfirm(name, { timeoutMs: 30_000 });
                    if (result.outcome !== "CANCELLED" || result.requests !== 3) throw new Error(`client: ${result.outcome} after ${result.requests} requests (expected CANCELLED after 3)`);
                } else if (!(await floorCancelAndConfirm(pool, name))) {
                    throw new Error("floor: the operation was not done after its cancel");
                }
                const elapsed = performance.now() - t0;
                const cpu = cpuUs() - c0;
                if (!measured) continue;
                if (who === "ours") {
                    ours.push(elapsed);
                    oursCpu += cpu;
                } else {
                    floor.push(elapsed);
                    floorCpu += cpu;
                }
            }
        }
    } finally {
        await pool.close();
    }
    const requests = config.singleSamples * 3;
    return { latencyMs, ours: summarize(ours), floor: summarize(floor), oursCpuUsPerRequest: oursCpu / requests, floorCpuUsPerRequest: floorCpu / requests };
}

/** Prints the table; returns the target lines for the summary. */
export async function benchSingle(emulator: RemoteEmulator, config: BenchConfig): Promise<string[]> {
    heading("Single cancel-and-confirm vs bare undici (warm connection)");
    const cells: Cell[] = [];
    for (const latencyMs of [0, 20]) cells.push(await cell(emulator, latencyMs, config));
    console.log(`${config.singleWarmup} warm-up rounds, then ${config.singleSamples} interleaved samples per cell; each sample is GET + POST :cancel + GET of a fresh operation.`);
    console.log("median (p25–p75) wall time per cancel-and-confirm; CPU = this process's user+system time per request.");
    const targets: string[] = [];
    console.log(
        table(
            ["latency", "client", "floor (undici)", "client / floor", "target", "", "CPU µs/req client", "floor"],
            cells.map((c) => {
                const r = c.ours.median / c.floor.median;
                const ok = r <= TARGET[c.latencyMs];
                targets.push(`${mark(ok)}  single cancel at ${c.latencyMs} ms: client / floor ${exactRatio(c.ours.median, c.floor.median)} (target ≤ ${TARGET[c.latencyMs].toFixed(2)})`);
                return [
                    `${c.latencyMs} ms`,
                    `${ms(c.ours.median)} (${ms(c.ours.p25)}–${ms(c.ours.p75)})`,
                    `${ms(c.floor.median)} (${ms(c.floor.p25)}–${ms(c.floor.p75)})`,
                    exactRatio(c.ours.median, c.floor.median),
                    `≤ ${TARGET[c.latencyMs].toFixed(2)}`,
                    mark(ok),
                    c.oursCpuUsPerRequest.toFixed(0),
                    c.floorCpuUsPerRequest.toFixed(0),
                ];
            }),
        ),
    );
    return targets;
}
