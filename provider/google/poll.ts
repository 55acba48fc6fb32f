import { InvalidOptionError } from "./errors";

/**
 * When to poll an operation: soon after the cancel (well under a second), then less often, growing with
 * jitter to a cap. Defaults sit between gcloud's (1 s, ×1.4, 10 s cap for gkemulticloud) and gax's
 * (100 ms, ×1.3): a cancel that takes effect at once is confirmed in a fraction of a second, a slow one
 * costs about one request per 10 s.
 */
export interface PollSchedule {
    /** Delay before the first poll, in ms. Default 250. */
    initialDelayMs: number;
    /** Growth per poll. Default 1.5. */
    multiplier: number;
    /** Cap on the delay between polls, in ms. Default 10000. */
    maxDelayMs: number;
    /** Random spread, as a fraction of the delay (0.2 = ±20%). Default 0.2. */
    jitter: number;
}

export const DEFAULT_POLL: PollSchedule = { initialDelayMs: 250, multiplier: 1.5, maxDelayMs: 10_000, jitter: 0.2 };

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
