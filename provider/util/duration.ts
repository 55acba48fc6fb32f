import { InvalidOptionError } from "../google/errors";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Parses a duration such as `"90s"`, `"20m"`, `"1h30m"` or `"500ms"` into milliseconds.
 * A plain number is taken as seconds. `field` names the input in the error.
 */
export function parseDuration(value: string | number, field: string): number {
    if (typeof value === "number") {
        if (!Number.isFinite(value) || value < 0) {
            throw new InvalidOptionError(field, `${field} must be a non-negative number of seconds or a duration such as "90s" or "20m"; got ${value}`);
        }
        return Math.round(value * 1000);
    }
    const text = String(value).trim();
    if (!DURATION.test(text)) {
        throw new InvalidOptionError(
            field,
            `${field} must be a duration such as "90s", "20m" or "1h30m" (units ms, s, m, h, d); got ${JSON.stringify(String(value).slice(0, 40))}`,
        );
    }
    let total = 0;
    for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit];
    return Math.round(total);
}

/** Formats milliseconds for people: `850ms`, `12.3s`, `4m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
    if (ms < 1000) return `${Math.round(ms)}ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
    const totalSeconds = Math.round(ms / 1000);
    if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, "0")}s`;
    const minutes = Math.floor(totalSeconds / 60);
    return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}
