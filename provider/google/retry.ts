import { InvalidOptionError, RETRY_INFO_TYPE } from "./errors";
import type { AnyMessage } from "./types";

/** How transient failures are retried: exponential backoff with full jitter, bounded attempts. */
export interface RetryOptions {
    /** Attempts in all, the first included. Default 5. */
    maxAttempts: number;
    /** Backoff before the second attempt, in ms. Default 250. */
    initialDelayMs: number;
    /** Cap on one backoff, in ms. Default 16000. */
    maxDelayMs: number;
    /** Growth per attempt. Default 2. */
    multiplier: number;
    /**
     * The longest server-directed delay (RetryInfo, Retry-After) honoured, in ms. Default 60000. A server
     * that asks for more is not retried (the error says how long it asked for), and the client's shared
     * backoff is never closed for longer than this.
     */
    maxServerDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 5, initialDelayMs: 250, maxDelayMs: 16_000, multiplier: 2, maxServerDelayMs: 60_000 };

/** The longest timer Node can set (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** HTTP statuses retried for the idempotent Operations methods (as Terraform's google provider and gax do). */
export const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Fills in and validates retry options. */
export function retryOptions(partial: Partial<RetryOptions> | undefined): RetryOptions {
    const merged = { ...DEFAULT_RETRY, ...(partial ?? {}) };
    if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1 || merged.maxAttempts > 100) {
        throw new InvalidOptionError("retry.maxAttempts", "retry.maxAttempts must be an integer from 1 to 100");
    }
    for (const key of ["initialDelayMs", "maxDelayMs", "maxServerDelayMs"] as const) {
        if (!Number.isFinite(merged[key]) || merged[key] < 0) throw new InvalidOptionError(`retry.${key}`, `retry.${key} must be a non-negative number of milliseconds`);
    }
    if (!Number.isFinite(merged.multiplier) || merged.multiplier < 1) throw new InvalidOptionError("retry.multiplier", "retry.multiplier must be at least 1");
    return merged;
}

/** The backoff before attempt `attempt + 1` (attempt counts from 1): full jitter under an exponential ceiling. */
export function backoffDelay(options: RetryOptions, attempt: number, random: () => number = Math.random): number {
    const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * options.multiplier ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into ms, or undefined. Finite, never negative. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | undefined {
    if (!header) return undefined;
    const trimmed = header.trim();
    if (/^\d{1,30}(?:\.\d{1,30})?$/.test(trimmed)) return finiteMs(Number(trimmed) * 1000);
    if (trimmed.length > 100) return undefined;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Parses a `google.protobuf.Duration` in JSON form (`"2s"`, `"0.5s"`) into ms, or undefined. Finite, never negative. */
export function parseProtoDuration(value: unknown): number | undefined {
    if (typeof value !== "string" || value.length > 100) return undefined;
    const match = /^(-?\d+(?:\.\d+)?)s$/.exec(value.trim());
    return match ? finiteMs(Math.max(0, Number(match[1]) * 1000)) : undefined;
}

function finiteMs(ms: number): number | undefined {
    return Number.isFinite(ms) ? Math.round(ms) : Number.MAX_SAFE_INTEGER;
}

/** The server's requested delay and where it came from: `RetryInfo.retryDelay` first, then `Retry-After`. */
export function serverRetryDelay(details: AnyMessage[], retryAfter: string | undefined): { ms: number; source: string } | undefined {
    const info = details.find((d) => d["@type"] === RETRY_INFO_TYPE);
    const fromInfo = parseProtoDuration(info?.retryDelay);
    if (fromInfo !== undefined) return { ms: fromInfo, source: `RetryInfo.retryDelay ${JSON.stringify(String(info?.retryDelay).slice(0, 40))}` };
    const fromHeader = parseRetryAfter(retryAfter);
    return fromHeader !== undefined ? { ms: fromHeader, source: `Retry-After: ${String(retryAfter).trim().slice(0, 40)}` } : undefined;
}

/**
 * One backoff shared by every request of a client: when any request is told to slow down (429),
 * every request waits until the gate opens, so that parallel work never hammers a quota.
 */
export class SharedBackoff {
    private openAt = 0;

    /** Holds the gate closed for at least `ms` from now (callers cap `ms`; see {@link RetryOptions.maxServerDelayMs}). */
    closeFor(ms: number): void {
        if (!(ms > 0)) return;
        this.openAt = Math.max(this.openAt, Date.now() + Math.min(ms, MAX_TIMER_MS));
    }

    /** Milliseconds until the gate opens (0 when open). */
    remaining(): number {
        return Math.max(0, this.openAt - Date.now());
    }
}

/** Sleeps `ms`, ending early with the signal's reason when it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    ms = Math.min(ms, MAX_TIMER_MS);
    if (!(ms > 0)) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
    return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}
