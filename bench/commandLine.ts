/**
 * The command line as a process, spawn to exit, against gcloud on the same emulator (gkemulticloud
 * operations, gcloud's `container aws operations cancel`): one cancel each, interleaved; then 100
 * cancellations by one `sweep` against gcloud's `cancel` in a loop.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { BenchConfig } from "./config";
import { exactRatio, heading, mark, ms, seconds, table } from "./format";
import { cleanEnv, timeProcess, type ProcessRun } from "./processes";
import type { RemoteEmulator } from "./remoteEmulator";
import { summarize } from "./stats";

const PROJECT = "my-project";
const LOCATION = "us-west1";
const PARENT = `projects/${PROJECT}/locations/${LOCATION}`;
const GKE = { service: "gkemulticloud", target: "projects/123456789012/locations/us-west1/awsClusters/my-cluster" };
const CANCEL_TARGET = 0.35;
const SWEEP_TARGET = 100;

function findGcloud(): string | undefined {
    const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
    return dirs.map((d) => path.join(d, "gcloud")).find((c) => existsSync(c));
}

/** A throw-away gcloud configuration pointing gkemulticloud at the emulator; no network, no prompts. */
function gcloudConfig(url: string): { dir: string; tokenFile: string } {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-gcloud-"));
    mkdirSync(path.join(dir, "configurations"));
    writeFileSync(path.join(dir, "active_config"), "default");
    writeFileSync(
        path.join(dir, "configurations", "config_default"),
        ["[core]", `project = ${PROJECT}`, "disable_usage_reporting = true", "[component_manager]", "disable_update_check = true", "[api_endpoint_overrides]", `gkemulticloud = ${url}/gkemulticloud/`, ""].join("\n"),
    );
    const tokenFile = path.join(dir, "token");
    writeFileSync(tokenFile, "emulator-token");
    return { dir, tokenFile };
}

function check(run: ProcessRun, what: string): number {
    if (run.code !== 0) throw new Error(`${what} exited ${String(run.code)}: ${run.stderr.slice(0, 400)}`);
    return run.ms;
}

export async function benchCommandLine(emulator: RemoteEmulator, config: BenchConfig): Promise<string[]> {
    heading("Command line vs gcloud (processes, spawn to exit, same emulator)");
    const gcloud = findGcloud();
    if (!gcloud) {
        console.log("SKIPPED: gcloud is not on PATH.");
        return ["SKIP  command line vs gcloud: gcloud is not installed"];
    }
    const versionFile = path.join(path.dirname(path.dirname(realpathSync(gcloud))), "VERSION");
    const version = existsSync(versionFile) ? readFileSync(versionFile, "utf8").trim() : "(version unknown)";
    const url = await emulator.start(0);
    const { dir, tokenFile } = gcloudConfig(url);
    const cli = path.join(__dirname, "..", "provider", "cli", "main.js");
    const ourEnv = cleanEnv({ GOOGLE_OAUTH_ACCESS_TOKEN: "emulator-token" });
    const gcloudEnv = cleanEnv({ CLOUDSDK_CONFIG: dir, CLOUDSDK_CORE_DISABLE_PROMPTS: "1" });
    const ours = (name: string) => timeProcess(process.execPath, [cli, "cancel", name, "--service", "gkemulticloud", "--endpoint", url], ourEnv);
    const theirs = (name: string) =>
        timeProcess(gcloud, ["container", "aws", "operations", "cancel", name.split("/").pop() as string, `--location=${LOCATION}`, `--access-token-file=${tokenFile}`], gcloudEnv);
    try {
        const n = config.gcloudSamples;
        const names = await emulator.addRunning(PARENT, "cli", 2 * (n + 2) + config.gcloudLoop, GKE);
        let k = 0;
        // Warm-up: file caches for both.
        check(await ours(names[k++]), "cancel");
        check(await theirs(names[k++]), "gcloud cancel");
        check(await ours(names[k++]), "cancel");
        check(await theirs(names[k++]), "gcloud cancel");
        const oursMs: number[] = [];
        const gcloudMs: number[] = [];
        for (let i = 0; i < n; i++) {
            oursMs.push(check(await ours(names[k++]), "cancel"));
            gcloudMs.push(check(await theirs(names[k++]), "gcloud cancel"));
        }
        // gcloud's loop: `gcloudLoop` cancels in a row, scaled to 100 (each is a separate process; the loop's time is their sum).
        const loopStart = performance.now();
        for (let i = 0; i < config.gcloudLoop; i++) check(await theirs(names[k++]), "gcloud cancel");
        const loopMs = ((performance.now() - loopStart) / config.gcloudLoop) * 100;
        const sweepParent = `projects/${PROJECT}/locations/us-east4`;
        await emulator.addRunning(sweepParent, "sweep", 100, GKE);
        const sweep = await timeProcess(process.execPath, [cli, "sweep", sweepParent, "--service", "gkemulticloud", "--endpoint", url, "--all", "--max-concurrency", "32", "--json"], ourEnv, 120_000);
        check(sweep, "sweep");
        const swept = (JSON.parse(sweep.stdout) as { counts?: { cancelled?: number } }).counts?.cancelled;
        if (swept !== 100) throw new Error(`sweep cancelled ${String(swept)} of 100`);

        const o = summarize(oursMs);
        const g = summarize(gcloudMs);
        console.log(`gcloud ${version} (${gcloud}); throw-away CLOUDSDK_CONFIG, api_endpoint_overrides/gkemulticloud = the emulator, --access-token-file.`);
        console.log(`${n} interleaved samples each after 2 warm-up runs; median (p25–p75).`);
        const cancelOk = o.median / g.median <= CANCEL_TARGET;
        const speedup = loopMs / sweep.ms;
        const sweepOk = speedup >= SWEEP_TARGET;
        console.log(
            table(
                ["what", "pulumi-gcp-operations", "gcloud", "ratio", "target", ""],
                [
                    ["cancel (GET, POST :cancel, GET until done)", `${ms(o.median)} (${ms(o.p25)}–${ms(o.p75)})`, `${ms(g.median)} (${ms(g.p25)}–${ms(g.p75)})`, exactRatio(o.median, g.median), `≤ ${CANCEL_TARGET}`, mark(cancelOk)],
                    ["100 cancellations: one sweep vs a loop of cancel", seconds(sweep.ms), `${seconds(loopMs)} (${config.gcloudLoop} run, ×${100 / config.gcloudLoop})`, `${speedup.toFixed(0)}× faster`, `≥ ${SWEEP_TARGET}×`, mark(sweepOk)],
                ],
            ),
        );
        return [
            `${mark(cancelOk)}  cancel process vs gcloud: ${exactRatio(o.median, g.median)} (target ≤ ${CANCEL_TARGET})`,
            `${mark(sweepOk)}  100 cancellations, sweep vs gcloud loop: ${speedup.toFixed(0)}× faster (target ≥ ${SWEEP_TARGET}×)`,
        ];
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
