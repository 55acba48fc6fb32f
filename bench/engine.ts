/**
 * Through the real Pulumi engine (opt-in: `--engine`): `pulumi up` of 1, 10 and 100
 * `OperationCancellation` resources against the same number of a no-op dynamic resource (create returns
 * its inputs), each on a fresh stack with a local file backend, interleaved. Uses the test suite's
 * stack driver and program (built into dist/tests).
 */
import { CliStack } from "../tests/support/cliStack";
import { findPulumiCli } from "../tests/support/pulumiCli";
import { SPEC_PROGRAM, writeSpec, type ResourceSpec } from "../tests/engine/specProgram";
import type { BenchConfig } from "./config";
import { exactRatio, heading, mark, seconds, table } from "./format";
import type { RemoteEmulator } from "./remoteEmulator";
import { summarize } from "./stats";

const COUNTS = [1, 10, 100];
const TARGET = 1.2;
const PARENT = "projects/bench-engine/locations/us-central1";

let stacks = 0;

async function timedUp(emulator: RemoteEmulator, cli: Extract<ReturnType<typeof findPulumiCli>, { available: true }>, kind: "cancellation" | "marker", count: number): Promise<number> {
    const url = emulator.baseUrl;
    const names = kind === "cancellation" ? await emulator.addRunning(PARENT, `s${++stacks}`, count) : [];
    const stack = await CliStack.create(cli, { program: SPEC_PROGRAM, config: { "gcp:accessToken": { value: "emulator-token", secret: true } } });
    try {
        const spec: ResourceSpec[] = Array.from({ length: count }, (_, i) =>
            kind === "cancellation"
                ? { kind, name: `c${i}`, args: { operation: names[i], service: "clouddeploy", endpoint: url, timeout: "60s" } }
                : { kind, name: `m${i}`, args: { name: `m${i}`, url: `${url}/unused` } },
        );
        writeSpec(stack, spec);
        const t0 = performance.now();
        const up = await stack.up();
        const elapsed = performance.now() - t0;
        if (up.code !== 0) throw new Error(`pulumi up of ${count} ${kind} exited ${String(up.code)}:\n${up.output.slice(-1500)}`);
        return elapsed;
    } finally {
        await stack.cleanup();
    }
}

export async function benchEngine(emulator: RemoteEmulator, config: BenchConfig): Promise<string[]> {
    heading("Real engine: pulumi up of N OperationCancellation vs N no-op dynamic resources");
    const cli = findPulumiCli();
    if (!cli.available) {
        console.log(`SKIPPED: ${cli.reason}`);
        return [`SKIP  real engine: ${cli.reason}`];
    }
    await emulator.start(0);
    const samples = config.quick ? 1 : 3;
    await timedUp(emulator, cli, "marker", 1); // warm-up: plugin and file caches
    const rows: string[][] = [];
    const targets: string[] = [];
    for (const count of COUNTS) {
        const ours: number[] = [];
        const noop: number[] = [];
        for (let i = 0; i < samples; i++) {
            const order = i % 2 === 0 ? (["cancellation", "marker"] as const) : (["marker", "cancellation"] as const);
            for (const kind of order) (kind === "cancellation" ? ours : noop).push(await timedUp(emulator, cli, kind, count));
        }
        const o = summarize(ours).median;
        const n = summarize(noop).median;
        const ok = o / n <= TARGET;
        targets.push(`${mark(ok)}  pulumi up of ${count}: cancellations / no-op ${exactRatio(o, n)} (target ≤ ${TARGET}, n=${samples})`);
        rows.push([String(count), seconds(o), seconds(n), `${seconds(o / count)} / ${seconds(n / count)}`, exactRatio(o, n), `≤ ${TARGET}`, mark(ok)]);
    }
    console.log(`pulumi ${cli.path}; a fresh stack per up (local file backend), default --parallel; median of ${samples} interleaved runs each; each cancel takes effect at once.`);
    console.log(table(["resources", "cancellations", "no-op dynamic", "per resource", "ratio", "target", ""], rows));
    return targets;
}
