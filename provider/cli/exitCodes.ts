/**
 * Exit codes of the `pulumi-gcp-operations` command line, and how errors map onto them.
 */
import { CommanderError } from "commander";
import {
    AbortedError,
    CredentialsError,
    DeadlineExceededError,
    GoogleApiError,
    InvalidNameError,
    InvalidOptionError,
    NetworkError,
} from "../google/errors";
import type { Outcome } from "../google/types";
import { SweepListError } from "../sweep";
import { SeedError } from "../testing/seedError";

/** Every exit code the command line uses. Stable: pipelines branch on them. */
export const ExitCode = {
    /** Success. For `cancel`: the operation no longer runs (cancelled, or finished anyway). */
    OK: 0,
    /** An unexpected error (a bug): the command line prints how to report it (version, Node, GCP_OPERATIONS_DEBUG=1 for the stack). */
    INTERNAL: 1,
    /** Bad arguments or flags: nothing was sent. */
    USAGE: 2,
    /** The operation (or parent) does not exist, or has expired. */
    NOT_FOUND: 3,
    /** The service does not support cancelling this operation (501 UNIMPLEMENTED). */
    UNSUPPORTED: 4,
    /** The operation was still running when the wait ended (`--timeout`). */
    STILL_RUNNING: 5,
    /** Permission denied, unauthenticated, or credentials could not be obtained. */
    AUTH: 6,
    /** Network failure, deadline exceeded, or the service unavailable / overloaded after retries. */
    UNAVAILABLE: 7,
    /** Any other error answered by the API (e.g. an invalid `--filter`). */
    API_ERROR: 8,
    /** `sweep`: some selected operations could not be cancelled (see the failures). */
    PARTIAL_FAILURE: 9,
    /** Interrupted (SIGINT / SIGTERM) before it finished. */
    INTERRUPTED: 130,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit-code table shown in `--help`. */
export const EXIT_CODE_HELP = `Exit codes:
  0    ok (cancel: the operation no longer runs: cancelled, or finished anyway;
       with --no-wait: also when the cancel was accepted)
  1    unexpected error (a bug)
  2    usage: bad arguments or flags; nothing was sent
  3    not found (or expired)
  4    unsupported: the service cannot cancel this operation (UNIMPLEMENTED)
  5    still running when --timeout passed
  6    permission denied, unauthenticated, or no usable credentials
  7    network failure, deadline exceeded, or service unavailable after retries
  8    other API error (e.g. an invalid --filter)
  9    sweep: some selected operations could not be cancelled
  130  interrupted`;

const AUTH_STATUSES = new Set(["PERMISSION_DENIED", "UNAUTHENTICATED"]);
const UNAVAILABLE_STATUSES = new Set(["UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "INTERNAL", "UNKNOWN"]);

/** True for errors caused by the caller's input, before any request: they exit with {@link ExitCode.USAGE}. */
export function isUsageError(err: unknown): err is InvalidNameError | InvalidOptionError | SeedError {
    return err instanceof InvalidNameError || err instanceof InvalidOptionError || err instanceof SeedError;
}

/** The exit code for an error thrown by a command. */
export function exitCodeForError(err: unknown): ExitCodeValue {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    if (isUsageError(err)) return ExitCode.USAGE;
    // A sweep whose listing failed part-way exits as its cause would.
    if (err instanceof SweepListError) return exitCodeForError(err.cause);
    if (err instanceof GoogleApiError) {
        if (err.status === "NOT_FOUND") return ExitCode.NOT_FOUND;
        if (err.status === "UNIMPLEMENTED") return ExitCode.UNSUPPORTED;
        if (AUTH_STATUSES.has(err.status)) return ExitCode.AUTH;
        if (UNAVAILABLE_STATUSES.has(err.status)) return ExitCode.UNAVAILABLE;
        return ExitCode.API_ERROR;
    }
    if (err instanceof CredentialsError) return ExitCode.AUTH;
    if (err instanceof NetworkError || err instanceof DeadlineExceededError) return ExitCode.UNAVAILABLE;
    if (err instanceof AbortedError) return ExitCode.INTERRUPTED;
    return ExitCode.INTERNAL;
}

/**
 * The exit code of `cancel` for its outcome: 0 once the operation no longer runs; with `wait: false`,
 * also 0 when the cancel was sent and accepted.
 */
export function exitCodeForOutcome(outcome: Outcome, options: { wait: boolean; cancelSent: boolean }): ExitCodeValue {
    switch (outcome) {
        case "CANCELLED":
        case "SUCCEEDED":
        case "FAILED":
        case "ENDED":
            return ExitCode.OK;
        case "NOT_FOUND":
            return ExitCode.NOT_FOUND;
        case "UNSUPPORTED":
            return ExitCode.UNSUPPORTED;
        case "RUNNING":
            return !options.wait && options.cancelSent ? ExitCode.OK : ExitCode.STILL_RUNNING;
    }
}
