import { InvalidOptionError } from "./errors";

/**
 * When to poll an operation: at once, then soon (half a second), then less often, growing with jitter
 * to a cap. Chosen by the deterministic simulation in bench/pollSimulation.ts (see docs/performance.md):
 * over completion times from 0.1 s to 10 min it detects completion sooner than gcloud's `operations wait`
 * (1 s, then 2 s ×1.4 +0–1 s to 10 s) and with fewer GETs than gax-nodejs (100 ms ×1.3 to 60 s) in every
 * bucket where both are possible at once.
 */
export interface PollSchedule {
    /** Delay before the first poll after the immediate one, in ms. Default 500. */
    initialDelayMs: number;
    /** Growth per poll. Default 1.5. */
    multiplier: number;
    /** Cap on the delay between polls, in ms. Default 9000. */
    maxDelayMs: number;
    /** Random spread, as a fraction of the delay (0.1 = ±10%). Default 0.1. */
    jitter: number;
}

export const DEFAULT_POLL: PollSchedule = { initialDelayMs: 500, multiplier: 1.5, maxDelayMs: 9_000, jitter: 0.1 };

/** Fills in and validates a poll schedule. */
export function pollSchedule(partial: Partial<PollSchedule> | undefined): PollSchedule {
    const merged = { ...DEFAULT_POLL, ...(partial ?? {}) };
    if (!(merged.initialDelayMs >= 0) || !(merged.maxDelayMs >= merged.initialDelayMs)) {
        throw new InvalidOptionError("poll", "poll.initialDelayMs must be >= 0 and poll.maxDelayMs >= poll.initialDelayMs");
    }
    if (!(merged.multiplier >= 1)) throw new InvalidOptionError("poll.multiplier", "poll.multiplier must be at least 1");
    if (!(merged.jitter >= 0 && merged.jitter < 1)) throw new InvalidOptionError("poll.jitter", "poll.jitter must be in [0, 1)");
    return merged;
}

/** The delay before poll number `n` (from 1), jittered. */
export function pollDelay(schedule: PollSchedule, n: number, random: () => number = Math.random): number {
    const base = Math.min(schedule.maxDelayMs, schedule.initialDelayMs * schedule.multiplier ** (n - 1));
    const spread = base * schedule.jitter;
    return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}
