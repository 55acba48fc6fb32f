/** The bench's command line: which parts run, and how many samples each takes. */

export interface SweepCell {
    operations: number;
    concurrency: number;
    latencyMs: number;
    /** Interleaved samples (client and floor each). */
    samples: number;
}

export interface BenchConfig {
    quick: boolean;
    /** Also the real-engine bench (slow: several `pulumi up`). */
    engine: boolean;
    singleWarmup: number;
    singleSamples: number;
    sweepCells: SweepCell[];
    /** Measure peak RSS of a 10,000 sweep (client and floor each in a fresh process). */
    sweepMemory: boolean;
    processSamples: number;
    gcloudSamples: number;
    /** gcloud cancels run in a row for the loop figure (scaled to 100). */
    gcloudLoop: number;
    simulatedTimes: number;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--engine] [--help]

  (no flag)  the full run: every table of docs/performance.md (about 10 minutes on 2 CPUs)
  --quick    fewer samples and no 10,000 sweeps (about 2 minutes); figures are rougher
  --engine   also pulumi up of 1, 10 and 100 resources through the real engine (adds minutes)
  --help     this text

The emulator runs in its own process on 127.0.0.1; nothing else is contacted. Targets are printed
with PASS/MISS; the bench exits 0 whatever they say (performance is never asserted).`;

/** Parses the bench's arguments; `undefined` for --help. Throws on an unknown flag. */
export function parseArgs(argv: string[]): BenchConfig | undefined {
    const known = new Set(["--quick", "--engine", "--help", "-h"]);
    const unknown = argv.filter((a) => !known.has(a));
    if (unknown.length) throw new Error(`unknown argument ${unknown.join(" ")}; expected --quick, --engine or --help`);
    if (argv.includes("--help") || argv.includes("-h")) return undefined;
    const quick = argv.includes("--quick");
    const engine = argv.includes("--engine");
    const cells: SweepCell[] = [];
    for (const latencyMs of [0, 20]) {
        for (const operations of quick ? [1_000] : [1_000, 10_000]) {
            for (const concurrency of [8, 32]) {
                // ≥ 30 samples where a run is short; a 10,000 sweep at 20 ms takes 20–80 s a run, so fewer.
                const samples = quick ? 3 : operations === 1_000 ? (latencyMs === 0 ? 30 : concurrency === 32 ? 15 : 5) : latencyMs === 0 ? 5 : 1;
                cells.push({ operations, concurrency, latencyMs, samples });
            }
        }
    }
    return {
        quick,
        engine,
        singleWarmup: quick ? 10 : 30,
        singleSamples: quick ? 30 : 60,
        sweepCells: cells,
        sweepMemory: !quick,
        processSamples: quick ? 5 : 30,
        gcloudSamples: quick ? 3 : 15,
        gcloudLoop: quick ? 5 : 20,
        simulatedTimes: quick ? 2_000 : 10_000,
    };
}
