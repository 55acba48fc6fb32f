/**
 * Cold start in fresh processes: the runtime entry (what Pulumi's dynamic-provider host loads) until it
 * could send its first request, against bare Node doing nothing; and `--help` of the command line.
 */
import * as path from "node:path";
import type { BenchConfig } from "./config";
import { heading, mark, ms, table } from "./format";
import { cleanEnv, timeProcess } from "./processes";
import { summarize } from "./stats";

const DIST = path.join(__dirname, "..");
const READY_TARGET_MS = 100;
const RSS_TARGET_MB = 40;
const HELP_TARGET_MS = 150;

/** Prints `performance.now()` (ms since the process started) and peak RSS (KB) when it runs. */
const REPORT = "process.stdout.write(JSON.stringify({ readyMs: performance.now(), maxRssKb: process.resourceUsage().maxRSS }));";

/** Loads the runtime entry, builds the cancellation provider and a client, resolves an operation, makes the dispatcher: ready to send. */
const RUNTIME = [
    `const runtime = require(${JSON.stringify(path.join(DIST, "provider", "dynamic", "runtime.js"))});`,
    'runtime.providerFor("cancellation");',
    `const { OperationsClient } = require(${JSON.stringify(path.join(DIST, "provider", "google", "index.js"))});`,
    'new OperationsClient({ service: "clouddeploy", credentials: { accessToken: "t" } }).resolveOperation("projects/my-project/locations/us-central1/operations/op-1");',
    // The dispatcher made: undici loaded (the client loads it only at its first request).
    `require(${JSON.stringify(path.join(DIST, "provider", "google", "dispatcher.js"))}).sharedDispatcher();`,
    REPORT,
].join("\n");

interface Probe {
    readyMs: number;
    maxRssKb: number;
    exitMs: number;
}

async function probe(script: string): Promise<Probe> {
    const r = await timeProcess(process.execPath, ["-e", script], cleanEnv());
    if (r.code !== 0) throw new Error(`cold-start probe exited ${String(r.code)}: ${r.stderr.slice(0, 500)}`);
    const report = JSON.parse(r.stdout) as { readyMs: number; maxRssKb: number };
    return { ...report, exitMs: r.ms };
}

export async function benchColdStart(config: BenchConfig): Promise<string[]> {
    heading("Cold start (fresh processes)");
    const bare: Probe[] = [];
    const runtime: Probe[] = [];
    const help: number[] = [];
    const cli = path.join(DIST, "provider", "cli", "main.js");
    for (let i = 0; i < 3; i++) await probe(REPORT); // file cache warm
    for (let i = 0; i < config.processSamples; i++) {
        bare.push(await probe(REPORT));
        runtime.push(await probe(RUNTIME));
        const h = await timeProcess(process.execPath, [cli, "--help"], cleanEnv());
        if (h.code !== 0) throw new Error(`--help exited ${String(h.code)}`);
        help.push(h.ms);
    }
    const s = (values: number[]) => summarize(values);
    const readyBare = s(bare.map((p) => p.readyMs));
    const readyRuntime = s(runtime.map((p) => p.readyMs));
    const rssBare = s(bare.map((p) => p.maxRssKb / 1024));
    const rssRuntime = s(runtime.map((p) => p.maxRssKb / 1024));
    const exitBare = s(bare.map((p) => p.exitMs));
    const exitRuntime = s(runtime.map((p) => p.exitMs));
    const helpMs = s(help);
    const readyOver = readyRuntime.median - readyBare.median;
    const rssOver = rssRuntime.median - rssBare.median;
    console.log(`${config.processSamples} interleaved samples each; median (p25–p75). ready = performance.now() when the script's last line runs (time since the process started).`);
    console.log(
        table(
            ["process", "ready", "spawn to exit", "peak RSS"],
            [
                ["bare node -e (nothing loaded)", `${ms(readyBare.median)} (${ms(readyBare.p25)}–${ms(readyBare.p75)})`, ms(exitBare.median), `${rssBare.median.toFixed(1)} MB`],
                ["runtime entry + provider + client + dispatcher", `${ms(readyRuntime.median)} (${ms(readyRuntime.p25)}–${ms(readyRuntime.p75)})`, ms(exitRuntime.median), `${rssRuntime.median.toFixed(1)} MB`],
                ["pulumi-gcp-operations --help", "", `${ms(helpMs.median)} (${ms(helpMs.p25)}–${ms(helpMs.p75)})`, ""],
            ],
        ),
    );
    const targets = [
        `${mark(readyOver <= READY_TARGET_MS)}  runtime entry ready: +${ms(readyOver)} over bare node (target ≤ ${READY_TARGET_MS} ms)`,
        `${mark(rssOver <= RSS_TARGET_MB)}  runtime entry memory: +${rssOver.toFixed(1)} MB over bare node (target ≤ ${RSS_TARGET_MB} MB)`,
        `${mark(helpMs.median <= HELP_TARGET_MS)}  --help spawn to exit: ${ms(helpMs.median)} (target ≤ ${HELP_TARGET_MS} ms)`,
    ];
    for (const t of targets) console.log(t);
    return targets;
}
