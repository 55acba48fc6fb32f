/**
 * Completion detection, simulated (no wall clock, no network): for each completion time, when does each
 * poll schedule first see the operation done, and how many GETs has it made by then?
 *
 * - ours: the client's `waitForOperation` loop exactly: a GET at once, then `pollDelay(DEFAULT_POLL, n)`
 *   (the client's own function) before poll n + 1, with a seeded random for the jitter.
 * - gcloud `operations wait` (gkemulticloud): first GET after 1 s, then 2 s growing ×1.4, capped at 10 s,
 *   plus 0–1 s of additive jitter per interval.
 * - gax-nodejs LRO polling: first GET after 100 ms, then ×1.3, capped at 60 s, no jitter.
 */
import { DEFAULT_POLL, type PollSchedule } from "../provider/google";
import { pollDelay } from "../provider/google/poll";
import { mulberry32 } from "./stats";

/** The next poll time (s from the start) given the previous one and its 1-based index. */
export interface Scheduler {
    key: string;
    label: string;
    /** Poll times until (and including) the first at or after `doneAt`; `random` is the schedule's jitter source. */
    pollsUntil(doneAt: number, random: () => number): { detectedAt: number; gets: number };
}

/** Our schedule: GET at 0, then the client's own jittered delays. */
export function ours(schedule: PollSchedule = DEFAULT_POLL, label = "ours"): Scheduler {
    return {
        key: label,
        label: `${label} (${schedule.initialDelayMs} ms ×${schedule.multiplier} to ${schedule.maxDelayMs / 1000} s, ±${schedule.jitter * 100}%, first GET at 0)`,
        pollsUntil(doneAt, random) {
            let t = 0;
            let n = 1;
            while (t < doneAt) t += pollDelay(schedule, n++, random) / 1000;
            return { detectedAt: t, gets: n };
        },
    };
}

export const GCLOUD: Scheduler = {
    key: "gcloud",
    label: "gcloud operations wait (1 s, then 2 s ×1.4 to 10 s, +0–1 s jitter)",
    pollsUntil(doneAt, random) {
        let t = 1;
        let n = 1;
        let base = 2;
        while (t < doneAt) {
            t += Math.min(base, 10) + random();
            base *= 1.4;
            n++;
        }
        return { detectedAt: t, gets: n };
    },
};

export const GAX: Scheduler = {
    key: "gax",
    label: "gax-nodejs (100 ms ×1.3 to 60 s, no jitter)",
    pollsUntil(doneAt) {
        let t = 0.1;
        let n = 1;
        let delay = 0.1;
        while (t < doneAt) {
            delay = Math.min(delay * 1.3, 60);
            t += delay;
            n++;
        }
        return { detectedAt: t, gets: n };
    },
};

/** A group of completion times, in seconds. */
export interface Bucket {
    label: string;
    times: number[];
}

/**
 * Log-uniform completion times from 0.1 s to 10 min (`count` of them, seeded), grouped by decade, plus
 * the fixed times 0.2, 2, 20 and 120 s (each repeated `count / 10` times, so the jitter averages out).
 */
export function buckets(count: number, seed = 10): Bucket[] {
    const random = mulberry32(seed);
    const lo = Math.log(0.1);
    const hi = Math.log(600);
    const all = Array.from({ length: count }, () => Math.exp(lo + random() * (hi - lo)));
    const decades: Array<[number, number, string]> = [
        [0.1, 1, "0.1–1 s"],
        [1, 10, "1–10 s"],
        [10, 60, "10–60 s"],
        [60, 600.0001, "1–10 min"],
    ];
    const repeat = Math.max(1, Math.round(count / 10));
    return [
        { label: "all (0.1 s–10 min)", times: all },
        ...decades.map(([a, b, label]) => ({ label: `log-uniform ${label}`, times: all.filter((t) => t >= a && t < b) })),
        ...[0.2, 2, 20, 120].map((t) => ({ label: `fixed ${t} s`, times: Array.from({ length: repeat }, () => t) })),
    ];
}

/** Mean and p95 detection delay (s) and mean GETs of one schedule over one bucket. */
export interface Detection {
    meanDelay: number;
    p95Delay: number;
    meanGets: number;
}

export function simulate(scheduler: Scheduler, bucket: Bucket, seed = 7): Detection {
    const random = mulberry32(seed);
    const delays: number[] = [];
    let gets = 0;
    for (const doneAt of bucket.times) {
        const r = scheduler.pollsUntil(doneAt, random);
        delays.push(r.detectedAt - doneAt);
        gets += r.gets;
    }
    delays.sort((a, b) => a - b);
    return {
        meanDelay: delays.reduce((a, b) => a + b, 0) / delays.length,
        p95Delay: delays[Math.min(delays.length - 1, Math.floor(0.95 * delays.length))],
        meanGets: gets / bucket.times.length,
    };
}
