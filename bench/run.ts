/**
 * `npm run bench`: the Operations client against the emulator on loopback, printing side-by-side tables
 * with ratios. Figures are relative, from one run on one (shared, noisy) machine.
 */
import * as os from "node:os";
import { benchClientOverhead } from "./clientOverhead";
import { heading, seconds } from "./format";
import { benchPollSchedules } from "./pollSchedule";
import { RemoteEmulator } from "./remoteEmulator";
import { benchSweep } from "./sweep";

/** Loopback only: a proxy from the environment must not see the emulator's traffic. */
function keepLoopbackDirect(): string | undefined {
    const env = process.env;
    const proxied = [env.HTTPS_PROXY, env.https_proxy, env.HTTP_PROXY, env.http_proxy].some(Boolean);
    const noProxy = [env.NO_PROXY ?? env.no_proxy, "127.0.0.1", "localhost"].filter(Boolean).join(",");
    env.NO_PROXY = noProxy;
    env.no_proxy = noProxy;
    return proxied ? "a proxy is set in the environment; 127.0.0.1 was added to NO_PROXY for this run" : undefined;
}

async function main(): Promise<void> {
    const proxyNote = keepLoopbackDirect();
    const started = Date.now();
    const cpus = os.cpus();
    heading("pulumi-gcp-operations bench");
    console.log(`node ${process.version} on ${os.platform()}/${os.arch()}; ${cpus.length} CPUs (${os.availableParallelism()} available), ${cpus[0]?.model ?? "unknown CPU"}`);
    console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; undici ${require("undici/package.json").version as string}`);
    console.log("The emulator runs in a worker thread on 127.0.0.1; the client on the main thread.");
    console.log("Figures are RELATIVE: read the ratios, not the absolute numbers. One run, on one shared and noisy machine.");
    if (proxyNote) console.log(`Note: ${proxyNote}.`);

    const emulator = new RemoteEmulator();
    try {
        await benchPollSchedules(emulator);
        await benchSweep(emulator);
        await benchClientOverhead(emulator);
    } finally {
        await emulator.close();
    }
    heading("done");
    console.log(`Total bench time ${seconds(Date.now() - started)}.`);
}

// A ceiling on the whole run, whatever happens.
const ceiling = setTimeout(() => {
    console.error("bench: exceeded 5 minutes; giving up");
    process.exit(1);
}, 5 * 60_000);
ceiling.unref();

main().then(
    () => process.exit(0),
    (err: unknown) => {
        console.error("bench failed:", err);
        process.exit(1);
    },
);
