/**
 * Value parsers for flags: each rejects bad input with commander's InvalidArgumentError, so the
 * message names the flag and the command exits with the usage code.
 */
import { InvalidArgumentError } from "commander";
import { parseDuration } from "../util/duration";

/** Parses `--timeout 20m` style durations into milliseconds. */
export function durationArg(flag: string): (value: string) => number {
    return (value) => {
        try {
            return parseDuration(value, flag);
        } catch (err) {
            throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
        }
    };
}

/**
 * Parses a positive whole number (`--page-size`, `--limit`, `--max-concurrency`), at most `max` when the
 * flag has a limit; the message gives the range only when there is one.
 */
export function positiveIntArg(flag: string, max?: number): (value: string) => number {
    return (value) => {
        const n = Number(value);
        if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || (max !== undefined && n > max)) {
            const example = max === undefined || max >= 50 ? 50 : max;
            throw new InvalidArgumentError(`${flag} must be ${max === undefined ? "a positive whole number" : `a whole number from 1 to ${max}`}, e.g. ${flag} ${example}`);
        }
        return n;
    };
}

/** Parses a TCP port: 0 (any free port) to 65535. */
export function portArg(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > 65535) {
        throw new InvalidArgumentError("--port must be a TCP port from 0 (any free port) to 65535, e.g. --port 8085");
    }
    return n;
}

/** Collects a repeatable flag's values (`--verb create --verb delete`); commas also separate values. */
export function collect(flag: string): (value: string, previous: string[] | undefined) => string[] {
    return (value, previous) => {
        const parts = value.split(",").map((v) => v.trim());
        if (parts.some((p) => p === "")) throw new InvalidArgumentError(`${flag} needs a non-empty value, e.g. ${flag} delete`);
        return [...(previous ?? []), ...parts];
    };
}

/**
 * Rejects an empty (or whitespace-only) value for a string flag, and another flag taken as its value
 * (`--target --pending`: commander would otherwise take `--pending` as the target).
 */
export function nonEmptyArg(flag: string): (value: string) => string {
    return (value) => {
        if (value.trim() === "") throw new InvalidArgumentError(`${flag} must not be empty`);
        if (/^--[a-z]/.test(value)) throw new InvalidArgumentError(`${flag} needs a value, but got the flag ${value.split("=")[0]}; write ${flag} VALUE`);
        return value;
    };
}
