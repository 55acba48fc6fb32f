/**
 * `npm run bench [-- --quick | --engine | --help]`: the client, the sweep and the command line against
 * the emulator in its own process, each figure beside its floor or peer with the ratio and the target.
 * Exits by itself, 0 whatever the targets say; 1 only when the bench itself fails.
 */
import * as os from "node:os";
import { benchColdStart } from "./coldStart";
import { benchCommandLine } from "./commandLine";
import { USAGE, parseArgs, type BenchConfig } from "./config";
import { heading, seconds } from "./format";
import { benchPollSchedules } from "./pollReport";
import { RemoteEmulator } from "./remoteEmulator";
import { benchSingle } from "./single";
import { benchSweep } from "./sweep";

/** Loopback only: a proxy from the environment must not see the emulator's traffic. */
function keepLoopbackDirect(): void {
    const env = process.env;
    const noProxy = [env.NO_PROXY ?? env.no_proxy, "127.0.0.1", "localhost"].filter(Boolean).join(",");
    env.NO_PROXY = noProxy;
    env.no_proxy = noProxy;
}

/** The whole run's ceiling, whatever happens. */
const CEILING_MS = 25 * 60_000;

async function main(config: BenchConfig): Promise<void> {
    keepLoopbackDirect();
    const started = Date.now();
    const cpus = os.cpus();
    heading(`pulumi-gcp-operations bench${config.quick ? " (--quick)" : ""}`);
    console.log(`node ${process.version} on ${os.platform()}/${os.arch()}; ${cpus.length} CPUs, ${cpus[0]?.model ?? "unknown CPU"}; undici ${require("undici/package.json").version as string}`);
    console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}. The emulator runs in its own process on 127.0.0.1.`);
    const targets: string[] = [];
    targets.push(...benchPollSchedules(config));
    const emulator = new RemoteEmulator();
    try {
        targets.push(...(await benchSingle(emulator, config)));
        targets.push(...(await benchSweep(emulator, config)));
        targets.push(...(await benchCommandLine(emulator, config)));
        targets.push(...(await benchColdStart(config)));
        if (config.engine) {
            const { benchEngine } = await import("./engine");
            targets.push(...(await benchEngine(emulator, config)));
        }
    } finally {
        await emulator.close();
    }
    heading("Targets");
    for (const t of targets) console.log(t);
    console.log(`\nTotal bench time ${seconds(Date.now() - started)}; load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`);
}

let config: BenchConfig | undefined;
try {
    config = parseArgs(process.argv.slice(2));
} catch (err) {
    console.error(`bench: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
}
if (!config) {
    console.log(USAGE);
    process.exit(0);
}
const ceiling = setTimeout(() => {
    console.error(`bench: exceeded ${CEILING_MS / 60_000} minutes; giving up`);
    process.exit(1);
}, CEILING_MS);
ceiling.unref();
main(config).then(
    () => process.exit(0),
    (err: unknown) => {
        console.error("bench failed:", err);
        process.exit(1);
    },
);
