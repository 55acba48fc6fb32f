/**
 * Runs a command's action: interruption, error reporting (people on stderr, machines on stdout with
 * `--json`) and the exit code.
 */
import type { Command } from "commander";
import { AbortedError, GoogleApiError, InvalidNameError, InvalidOptionError, OperationsError } from "../google/errors";
import { redact } from "../google/errorBody";
import { SweepListError } from "../sweep";
import { flagOf } from "./common";
import { ExitCode, exitCodeForError, isUsageError, type ExitCodeValue } from "./exitCodes";
import { terminalSafe, writeJson, type Io } from "./output";

/** What an action receives besides its arguments. */
export interface ActionContext {
    io: Io;
    /** Aborted on SIGINT / SIGTERM. */
    signal: AbortSignal;
}

/** The message for an error, naming the flag for bad input. Library messages are already redacted. */
export function errorMessage(err: unknown, secrets: readonly string[] = []): string {
    if (err instanceof InvalidNameError || err instanceof InvalidOptionError) {
        const flag = flagOf(err.field);
        const message = redact(err.message, secrets);
        return flag === err.field && message.startsWith(err.field) ? message : `${flag}: ${message}`;
    }
    return redact(err instanceof Error ? err.message : String(err), secrets);
}

/** The JSON form of an error, for `--json`. */
export function errorDocument(err: unknown, exitCode: ExitCodeValue, secrets: readonly string[] = []): Record<string, unknown> {
    const error: Record<string, unknown> = { message: errorMessage(err, secrets), exitCode };
    if (err instanceof OperationsError) error.code = err.code;
    if (err instanceof InvalidNameError || err instanceof InvalidOptionError) error.flag = flagOf(err.field);
    if (err instanceof GoogleApiError) {
        error.httpStatus = err.httpStatus;
        error.status = err.status;
        if (err.reason) error.reason = err.reason;
    }
    // A sweep that stopped part-way reports what it did before the failure.
    if (err instanceof SweepListError) return { ...err.partial, exitCode, error };
    return { error };
}

/**
 * Runs `body` and sets `process.exitCode`. Bad input ends through commander's usage error (exit code 2,
 * message naming the flag); other errors print `error: ...` and map to their exit code.
 */
export async function runAction(
    command: Command,
    options: { json?: boolean; accessToken?: string },
    io: Io,
    body: (context: ActionContext) => Promise<ExitCodeValue>,
): Promise<void> {
    const abort = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => abort.abort(new AbortedError(`interrupted by ${signal}`));
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const secrets = [options.accessToken, process.env.GOOGLE_OAUTH_ACCESS_TOKEN].filter((s): s is string => !!s && s.trim().length >= 4).map((s) => s.trim());
    if (options.accessToken !== undefined) {
        io.stderr.write("warning: --access-token is visible to other users of this machine in the process list; prefer GOOGLE_OAUTH_ACCESS_TOKEN\n");
    }
    let code: ExitCodeValue;
    try {
        code = await body({ io, signal: abort.signal });
    } catch (err) {
        code = abort.signal.aborted ? ExitCode.INTERRUPTED : exitCodeForError(err);
        const failure = abort.signal.aborted ? abort.signal.reason : err;
        if (options.json) writeJson(io, errorDocument(failure, code, secrets));
        if (isUsageError(failure)) {
            // Prints "error: ..." and the --help hint, then throws a CommanderError that main turns into the exit code.
            command.error(`error: ${terminalSafe(errorMessage(failure, secrets))}`, { exitCode: ExitCode.USAGE, code: "pulumi-gcp-operations.usage" });
        }
        io.stderr.write(`error: ${terminalSafe(errorMessage(failure, secrets))}\n`);
    } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
    }
    process.exitCode = code;
}
