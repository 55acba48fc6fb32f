/**
 * Sweeps of 1,000 and 10,000 running operations (each cancel takes effect at once: GET, POST :cancel,
 * GET per operation, pages of 100) by `sweepOperations` and by the bare-undici floor, at the same
 * concurrency, interleaved. Each run gets a fresh emulator; peak RSS is measured in fresh processes.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import type { BenchConfig, SweepCell } from "./config";
import { exactRatio, heading, int, mark, seconds, table, withTimeout } from "./format";
import type { RemoteEmulator } from "./remoteEmulator";
import { summarize } from "./stats";
import { RUN_CEILING_MS, sweepOnce, type SweepMode } from "./sweepOnce";

const run = promisify(execFile);
/** Throughput floor of the issue: client / floor in operations per second. */
const TARGET: Record<number, number> = { 0: 0.85, 20: 0.97 };
const RSS_TARGET_MB = 15;

let runs = 0;

async function timedRun(emulator: RemoteEmulator, mode: SweepMode, cell: Pick<SweepCell, "operations" | "concurrency" | "latencyMs">): Promise<number> {
    const url = await emulator.start(cell.latencyMs, { maxPageSize: 100 });
    const parent = `projects/bench-sweep-${++runs}/locations/us-central1`;
    await emulator.addRunning(parent, "op", cell.operations);
    const t0 = performance.now();
    const cancelled = await withTimeout(sweepOnce(mode, url, parent, cell.concurrency), RUN_CEILING_MS, `${mode} sweep of ${cell.operations}`);
    const elapsed = performance.now() - t0;
    if (cancelled !== cell.operations) throw new Error(`${mode} sweep cancelled ${cancelled} of ${cell.operations}`);
    return elapsed;
}

/** Peak RSS (MB) of a fresh process sweeping `operations` at `concurrency`. */
async function peakRss(emulator: RemoteEmulator, mode: SweepMode, operations: number, concurrency: number): Promise<number> {
    const url = await emulator.start(0, { maxPageSize: 100 });
    const parent = `projects/bench-rss-${++runs}/locations/us-central1`;
    await emulator.addRunning(parent, "op", operations);
    const { stdout } = await run(process.execPath, [path.join(__dirname, "sweepChild.js"), mode, url, parent, String(concurrency)], { timeout: RUN_CEILING_MS });
    const report = JSON.parse(stdout) as { cancelled: number; maxRssKb: number };
    if (report.cancelled !== operations) throw new Error(`${mode} sweep (child) cancelled ${report.cancelled} of ${operations}`);
    return report.maxRssKb / 1024;
}

export async function benchSweep(emulator: RemoteEmulator, config: BenchConfig): Promise<string[]> {
    heading("Sweep vs bare undici (same requests, same concurrency, page prefetch)");
    // Warm-up: both code paths compiled before anything is measured.
    for (const mode of ["client", "floor"] as const) await timedRun(emulator, mode, { operations: 500, concurrency: 8, latencyMs: 0 });
    const targets: string[] = [];
    const rows: string[][] = [];
    for (const cell of config.sweepCells) {
        const ours: number[] = [];
        const floor: number[] = [];
        for (let i = 0; i < cell.samples; i++) {
            const order: SweepMode[] = i % 2 === 0 ? ["client", "floor"] : ["floor", "client"];
            for (const mode of order) (mode === "client" ? ours : floor).push(await timedRun(emulator, mode, cell));
        }
        const o = summarize(ours.map((t) => (cell.operations / t) * 1000));
        const f = summarize(floor.map((t) => (cell.operations / t) * 1000));
        const ok = o.median / f.median >= TARGET[cell.latencyMs];
        const label = `${int(cell.operations)} at ${cell.concurrency}, ${cell.latencyMs} ms`;
        targets.push(`${mark(ok)}  sweep ${label}: client / floor ${exactRatio(o.median, f.median)} ops/s (target ≥ ${TARGET[cell.latencyMs].toFixed(2)}, n=${cell.samples})`);
        rows.push([
            int(cell.operations),
            String(cell.concurrency),
            `${cell.latencyMs} ms`,
            String(cell.samples),
            `${int(o.median)} (${int(o.p25)}–${int(o.p75)})`,
            `${int(f.median)} (${int(f.p25)}–${int(f.p75)})`,
            exactRatio(o.median, f.median),
            `≥ ${TARGET[cell.latencyMs].toFixed(2)}`,
            mark(ok),
            seconds(summarize(ours).median),
        ]);
    }
    console.log("ops/s = operations cancelled and confirmed per second of wall time: median (p25–p75) over n interleaved runs each.");
    console.log(table(["operations", "concurrency", "latency", "n", "client ops/s", "floor ops/s", "client / floor", "target", "", "client wall"], rows));
    if (config.sweepMemory) {
        const client = await peakRss(emulator, "client", 10_000, 32);
        const floor = await peakRss(emulator, "floor", 10_000, 32);
        const ok = client - floor <= RSS_TARGET_MB;
        console.log(`\nPeak RSS of a fresh process sweeping 10,000 at concurrency 32 (0 ms): client ${client.toFixed(1)} MB, floor ${floor.toFixed(1)} MB, difference ${(client - floor).toFixed(1)} MB (target ≤ ${RSS_TARGET_MB} MB) ${mark(ok)}`);
        targets.push(`${mark(ok)}  peak RSS at 10,000: client − floor ${(client - floor).toFixed(1)} MB (target ≤ ${RSS_TARGET_MB} MB)`);
    }
    return targets;
}
