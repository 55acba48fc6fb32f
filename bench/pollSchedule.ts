/**
 * Bench 1: what a poll schedule costs. Each cell cancels fresh operations whose cancel takes effect after
 * a scripted latency, through `cancelAndConfirm` (GET, POST :cancel, then poll), and records the time from
 * the cancel being sent to CANCELLED being observed, and the GETs made after the cancel.
 *
 * Every cell and repetition runs at once: the work is waiting on timers, a few hundred loopback requests
 * in all, so running them side by side does not disturb what is measured and keeps the bench short.
 */
import { DEFAULT_POLL, OperationsClient, type PollSchedule } from "../provider/google";
import { heading, int, median, ratio, seconds, sleep, table, withTimeout } from "./format";
import type { RemoteEmulator } from "./remoteEmulator";

export interface NamedSchedule {
    key: string;
    label: string;
    poll: PollSchedule;
    note: string;
}

export const SCHEDULES: NamedSchedule[] = [
    {
        key: "ours",
        label: "ours (default)",
        poll: DEFAULT_POLL,
        note: `${DEFAULT_POLL.initialDelayMs} ms ×${DEFAULT_POLL.multiplier} to ${DEFAULT_POLL.maxDelayMs / 1000} s, ±${DEFAULT_POLL.jitter * 100}%`,
    },
    {
        key: "gcloud",
        label: "gcloud≈",
        // gcloud: 1 s before the first poll, then 2 s ×1.4 plus 0–1 s of additive jitter, capped at 10 s
        // (gkemulticloud). Approximated: a 2.5 s ±20% first interval spans gcloud's 2–3 s exactly; later
        // intervals' spread is ±20% of the delay instead of +0–1 s.
        poll: { initialDelayMs: 2500, multiplier: 1.4, maxDelayMs: 10_000, jitter: 0.2 },
        note: "≈ 2 s ×1.4 +0–1 s to 10 s, as 2.5 s ±20% ×1.4 to 10 s",
    },
    {
        key: "gax",
        label: "gax-nodejs",
        poll: { initialDelayMs: 100, multiplier: 1.3, maxDelayMs: 60_000, jitter: 0 },
        note: "100 ms ×1.3 to 60 s, no jitter",
    },
    {
        key: "fixed10",
        label: "fixed 10 s",
        poll: { initialDelayMs: 10_000, multiplier: 1, maxDelayMs: 10_000, jitter: 0 },
        note: "every 10 s (Terraform-like)",
    },
];

export const LATENCIES_MS = [0, 300, 2_000, 8_000, 30_000];
export const REPETITIONS = 5;

const PARENT = "projects/bench-poll/locations/us-central1";
/** Starts are spread this far apart (in a mixed order), so no cell pays for a burst of simultaneous requests. */
const STAGGER_MS = 25;
/** Below this, times are loopback and timer noise: no latency ratio is printed. */
const NOISE_MS = 20;

interface Sample {
    confirmMs: number;
    gets: number;
    outcome: string;
}

export async function benchPollSchedules(emulator: RemoteEmulator): Promise<void> {
    heading("1. Poll schedule: time to confirm a cancel, and GETs spent");
    const url = await emulator.start();
    const ops: Array<{ schedule: NamedSchedule; latency: number; name: string }> = [];
    for (const schedule of SCHEDULES) {
        for (const latency of LATENCIES_MS) {
            for (let rep = 0; rep < REPETITIONS; rep++) ops.push({ schedule, latency, name: `${PARENT}/operations/${schedule.key}-${latency}-${rep}` });
        }
    }
    await emulator.add(ops.map((o) => ({ name: o.name, cancelTakesMs: o.latency })));
    const clients = new Map(
        SCHEDULES.map((s) => [s.key, new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: "emulator-token" }, poll: s.poll })]),
    );

    // Warm up connections and code paths, then start the cells interleaved: op k of each cell in turn.
    const warm = clients.get("ours") as OperationsClient;
    await emulator.add([{ name: `${PARENT}/operations/warm-up` }]);
    for (let i = 0; i < 50; i++) await warm.getOperation(`${PARENT}/operations/warm-up`);
    const order = [...ops].sort((a, b) => Number(a.name.split("-").pop()) - Number(b.name.split("-").pop()));

    const samples = new Map<string, Sample[]>();
    const started = Date.now();
    await withTimeout(
        Promise.all(
            order.map(async (o, i) => {
                await sleep(i * STAGGER_MS);
                const client = clients.get(o.schedule.key) as OperationsClient;
                const result = await client.cancelAndConfirm(o.name, { timeoutMs: 120_000 });
                const confirmedAt = Date.now();
                const sentAt = result.cancelRequestedAt ? Date.parse(result.cancelRequestedAt) : NaN;
                // Requests of the call: the GET before the cancel, the cancel, then the polls.
                const sample = { confirmMs: confirmedAt - sentAt, gets: result.requests - 2, outcome: result.outcome };
                const key = `${o.schedule.key}/${o.latency}`;
                samples.set(key, [...(samples.get(key) ?? []), sample]);
            }),
        ),
        150_000,
        "poll-schedule bench",
    );
    const wall = Date.now() - started;
    const logged = await emulator.stats();

    const wrong = [...samples.values()].flat().filter((s) => s.outcome !== "CANCELLED").length;
    console.log(`${ops.length} operations (${SCHEDULES.length} schedules × ${LATENCIES_MS.length} latencies × ${REPETITIONS} repetitions), run side by side (starts ${STAGGER_MS} ms apart) in ${seconds(wall)}; ` +
        `emulator saw ${int(logged.get - 50)} GETs and ${int(logged.cancel)} cancels${wrong ? `; ${wrong} NOT CANCELLED (bench bug)` : ""}.`);
    console.log("Schedules:");
    for (const s of SCHEDULES) console.log(`  ${s.label.padEnd(15)} ${s.note}`);
    console.log("confirm = from the cancel sent to CANCELLED observed (median); overshoot = confirm − cancel latency; GETs = polls after the cancel (median).");

    const rows: string[][] = [];
    const totals = new Map<string, { confirm: number; gets: number }>();
    for (const latency of LATENCIES_MS) {
        const base = samples.get(`ours/${latency}`) ?? [];
        const baseConfirm = median(base.map((s) => s.confirmMs));
        const baseGets = median(base.map((s) => s.gets));
        SCHEDULES.forEach((schedule, i) => {
            const cell = samples.get(`${schedule.key}/${latency}`) ?? [];
            const confirm = median(cell.map((s) => s.confirmMs));
            const gets = median(cell.map((s) => s.gets));
            const t = totals.get(schedule.key) ?? { confirm: 0, gets: 0 };
            totals.set(schedule.key, { confirm: t.confirm + confirm, gets: t.gets + gets });
            rows.push([
                i === 0 ? `${seconds(latency)}` : "",
                schedule.label,
                seconds(confirm),
                seconds(Math.max(0, confirm - latency)),
                `${seconds(Math.min(...cell.map((s) => s.confirmMs)))}–${seconds(Math.max(...cell.map((s) => s.confirmMs)))}`,
                String(gets),
                schedule.key === "ours"
                    ? "(baseline)"
                    : `latency ${confirm < NOISE_MS && baseConfirm < NOISE_MS ? "≈ (both < 20 ms)" : ratio(confirm, baseConfirm)}, requests ${ratio(gets, baseGets)}`,
            ]);
        });
    }
    console.log(table(["cancel takes", "schedule", "confirm", "overshoot", "range", "GETs", "vs ours"], rows));

    const ours = totals.get("ours") as { confirm: number; gets: number };
    console.log(`\nSummed over the ${LATENCIES_MS.length} latencies (equal weight):`);
    console.log(
        table(
            ["schedule", "Σ confirm", "Σ overshoot", "Σ GETs", "vs ours"],
            SCHEDULES.map((s) => {
                const t = totals.get(s.key) as { confirm: number; gets: number };
                const sumLatency = LATENCIES_MS.reduce((a, b) => a + b, 0);
                return [
                    s.label,
                    seconds(t.confirm),
                    seconds(t.confirm - sumLatency),
                    String(t.gets),
                    s.key === "ours" ? "(baseline)" : `latency ${ratio(t.confirm, ours.confirm)}, overshoot ${ratio(t.confirm - sumLatency, ours.confirm - sumLatency)}, requests ${ratio(t.gets, ours.gets)}`,
                ];
            }),
        ),
    );
    console.log("Note: the client polls once immediately after the cancel whatever the schedule; gcloud itself waits 1 s first,\n" +
        "so its figures at 0 ms and 300 ms are optimistic by up to 1 s (and one GET).");
}
