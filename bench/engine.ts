/**
 * Through the real Pulumi engine (opt-in: `--engine`): `pulumi up` of 1, 10 and 100
 * `OperationCancellation` resources against the same number of a no-op dynamic resource (create returns
 * its inputs), each on a fresh stack with a local file backend, interleaved. Uses the test suite's
 * stack driver and program (built into dist/tests).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CliStack } from "../tests/support/cliStack";
import { repoRoot } from "../tests/support/programDir";
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

/**
 * The package as npm ships it (package.json's `files`: dist/provider without its source maps), its
 * dependencies those of the checkout. The checkout itself has source maps, which Pulumi's stack-trace
 * capture maps every resource's frames through (about 3 ms per resource here), a cost users do not pay.
 */
function shippedPackage(): { root: string; remove: () => void } {
    const repo = repoRoot();
    const root = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-shipped-"))), "pulumi-gcp-operations");
    fs.mkdirSync(root);
    fs.copyFileSync(path.join(repo, "package.json"), path.join(root, "package.json"));
    fs.cpSync(path.join(repo, "dist", "provider"), path.join(root, "dist", "provider"), { recursive: true, filter: (source) => !source.endsWith(".map") });
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(root, "node_modules"), "dir");
    return { root, remove: () => fs.rmSync(path.dirname(root), { recursive: true, force: true }) };
}

async function timedUp(
    emulator: RemoteEmulator,
    cli: Extract<ReturnType<typeof findPulumiCli>, { available: true }>,
    kind: "cancellation" | "marker" | "wideMarker",
    count: number,
    packageRoot: string,
): Promise<number> {
    const url = emulator.baseUrl;
    const run = ++stacks;
    const names = kind === "cancellation" ? await emulator.addRunning(PARENT, `s${run}`, count) : [];
    const stack = await CliStack.create(cli, { program: SPEC_PROGRAM, config: { "gcp:accessToken": { value: "emulator-token", secret: true } }, packageRoot });
    try {
        const spec: ResourceSpec[] = Array.from({ length: count }, (_, i) =>
            kind === "cancellation"
                ? { kind, name: `c${i}`, args: { operation: names[i], service: "clouddeploy", endpoint: url, timeout: "60s" } }
                : kind === "wideMarker"
                  ? { kind, name: `w${i}`, args: { operation: `${PARENT}/operations/w${run}-${i}`, service: "clouddeploy", endpoint: url, timeout: "60s" } }
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
    const shipped = shippedPackage();
    try {
        return await runCounts(emulator, cli, config, shipped.root);
    } finally {
        shipped.remove();
    }
}

async function runCounts(emulator: RemoteEmulator, cli: Extract<ReturnType<typeof findPulumiCli>, { available: true }>, config: BenchConfig, packageRoot: string): Promise<string[]> {
    const samples = config.quick ? 1 : 3;
    await timedUp(emulator, cli, "marker", 1, packageRoot); // warm-up: plugin and file caches
    const rows: string[][] = [];
    const targets: string[] = [];
    for (const count of COUNTS) {
        const ours: number[] = [];
        const noop: number[] = [];
        const wide: number[] = [];
        for (let i = 0; i < samples; i++) {
            const order = i % 2 === 0 ? (["cancellation", "marker", "wideMarker"] as const) : (["wideMarker", "marker", "cancellation"] as const);
            for (const kind of order) (kind === "cancellation" ? ours : kind === "marker" ? noop : wide).push(await timedUp(emulator, cli, kind, count, packageRoot));
        }
        const o = summarize(ours).median;
        const n = summarize(noop).median;
        const w = summarize(wide).median;
        const ok = o / n <= TARGET;
        targets.push(`${mark(ok)}  pulumi up of ${count}: cancellations / no-op ${exactRatio(o, n)} (target ≤ ${TARGET}, n=${samples}); / no-op with the same outputs ${exactRatio(o, w)}`);
        rows.push([String(count), seconds(o), seconds(n), `${seconds(o / count)} / ${seconds(n / count)}`, exactRatio(o, n), `≤ ${TARGET}`, mark(ok), seconds(w), exactRatio(o, w)]);
    }
    console.log(
        `pulumi ${cli.path}; a fresh stack per up (local file backend), default --parallel; the package as npm ships it (no source maps); median of ${samples} interleaved runs each; each cancel takes effect at once.`,
    );
    console.log(table(["resources", "cancellations", "no-op dynamic", "per resource", "ratio", "target", "", "no-op, same outputs", "ratio"], rows));
    return targets;
}
