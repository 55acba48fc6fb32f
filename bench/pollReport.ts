/**
 * Completion detection, printed: our default schedule against gcloud's and gax-nodejs' in a
 * deterministic simulation (see pollSimulation.ts), with a cap sweep that shows where the two targets
 * cannot both be met.
 */
import { DEFAULT_POLL } from "../provider/google";
import type { BenchConfig } from "./config";
import { heading, mark, table } from "./format";
import { GAX, GCLOUD, buckets, ours, simulate } from "./pollSimulation";

const f = (n: number) => n.toFixed(2);

export function benchPollSchedules(config: BenchConfig): string[] {
    heading("Completion detection: poll schedules, simulated (no wall clock)");
    const schedules = [ours(), GCLOUD, GAX];
    for (const s of schedules) console.log(`  ${s.label}`);
    const all = buckets(config.simulatedTimes);
    console.log(`${config.simulatedTimes} log-uniform completion times (seeded), by decade, and fixed times (${Math.round(config.simulatedTimes / 10)} runs each, for the jitter).`);
    console.log("delay = detection time − completion time, mean / p95 (s); GETs = mean polls up to and including the one that sees it done.");
    const rows: string[][] = [];
    const misses: string[] = [];
    for (const bucket of all) {
        const [o, g, x] = schedules.map((s) => simulate(s, bucket));
        const sooner = o.meanDelay < g.meanDelay && o.p95Delay <= g.p95Delay;
        const fewer = o.meanGets < x.meanGets;
        if (!sooner) misses.push(`${bucket.label}: detection not sooner than gcloud`);
        if (!fewer) misses.push(`${bucket.label}: not fewer GETs than gax`);
        rows.push([
            bucket.label,
            `${f(o.meanDelay)} / ${f(o.p95Delay)}`,
            `${f(g.meanDelay)} / ${f(g.p95Delay)}`,
            `${f(x.meanDelay)} / ${f(x.p95Delay)}`,
            o.meanGets.toFixed(1),
            g.meanGets.toFixed(1),
            x.meanGets.toFixed(1),
            mark(sooner),
            mark(fewer),
        ]);
    }
    console.log(table(["completion", "ours delay", "gcloud delay", "gax delay", "ours GETs", "gcloud GETs", "gax GETs", "sooner than gcloud", "fewer GETs than gax"], rows));

    // Why the 1–10 min bucket cannot meet both: with any cap, sooner than gcloud needs more GETs than gax.
    const top = all.find((b) => b.label.includes("1–10 min"));
    if (top) {
        const g = simulate(GCLOUD, top);
        const x = simulate(GAX, top);
        console.log(`\nCap sweep in the 1–10 min bucket (our schedule, other settings unchanged): gcloud's mean delay ${f(g.meanDelay)} s, gax's ${x.meanGets.toFixed(1)} GETs.`);
        console.log(
            table(
                ["maxDelayMs", "mean delay", "GETs", "sooner than gcloud", "fewer GETs than gax"],
                [6_000, 9_000, 10_000, 12_000, 15_000, 20_000, 30_000].map((cap) => {
                    const r = simulate(ours({ ...DEFAULT_POLL, maxDelayMs: cap }), top);
                    return [String(cap), f(r.meanDelay), r.meanGets.toFixed(1), mark(r.meanDelay < g.meanDelay), mark(r.meanGets < x.meanGets)];
                }),
            ),
        );
    }
    const targets = misses.length
        ? misses.map((m) => `MISS  poll schedule, ${m}`)
        : ["PASS  poll schedule: sooner than gcloud and fewer GETs than gax in every bucket"];
    if (misses.length) targets.unshift(`${mark(false)}  poll schedule: ${misses.length} bucket target(s) missed (see the cap sweep and docs/performance.md)`);
    return targets;
}
