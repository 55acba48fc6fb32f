/**
 * One sweep in a fresh process, for its peak RSS: `node sweepChild.js client|floor URL PARENT CONCURRENCY`.
 * Prints `{"cancelled": N, "maxRssKb": N}`.
 */
import { sweepOnce, type SweepMode } from "./sweepOnce";

async function main(): Promise<void> {
    const [mode, url, parent, concurrency] = process.argv.slice(2);
    if ((mode !== "client" && mode !== "floor") || !url || !parent || !concurrency) throw new Error("usage: sweepChild.js client|floor URL PARENT CONCURRENCY");
    const cancelled = await sweepOnce(mode as SweepMode, url, parent, Number(concurrency));
    process.stdout.write(JSON.stringify({ cancelled, maxRssKb: process.resourceUsage().maxRSS }));
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        console.error(err);
        process.exit(1);
    },
);
