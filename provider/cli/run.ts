/**
 * Runs a command's action: interruption, error reporting and the exit code.
 *
 * One rule for every command: stdout carries the result only (a table for people, or with `--json`
 * exactly one JSON document: the result, or `{"error": {...}}` when there is none); stderr carries
 * progress, warnings and, whenever the exit code is not 0, exactly one `error: ...` line saying why,
 * with `--json` too (the document is for the program, the line for the person reading the log).
 */
import type { Command } from "commander";
import { AbortedError, GoogleApiError, InvalidNameError, InvalidOptionError, OperationsError } from "../google/errors";
import { redactSecrets as redact } from "../google/secrets";
import { SweepListError } from "../sweep";
import { ExitCode, exitCodeForError, isUsageError, type ExitCodeValue } from "./exitCodes";
import { terminalSafe, writeJson, type Io } from "./output";
import { CliVocabulary, cliVocabulary } from "./vocabulary";
import { packageVersion } from "./version";

/** What an action receives besides its arguments. */
export interface ActionContext {
    io: Io;
    /** Aborted on SIGINT / SIGTERM (the reason is an AbortedError naming the signal). */
    signal: AbortSignal;
    /** A library sentence (a result's message, a sweep item's error) in the command line's words, secrets removed. */
    say(message: string): string;
    /** An error's message in the command line's words ({@link CliVocabulary.message}), secrets removed. */
    describe(err: unknown): string;
}

/**
 * How an action ended: 0, or another exit code with the reason, which {@link runAction} prints as the
 * one `error:` line on stderr (so no command can exit non-zero without saying why, or say it twice).
 */
export type ActionResult = typeof ExitCode.OK | { code: Exclude<ExitCodeValue, typeof ExitCode.OK>; error: string };

/** The result for an exit code: 0 as it is, any other with the reason to print. */
export function resultOf(code: ExitCodeValue, error: () => string): ActionResult {
    return code === ExitCode.OK ? ExitCode.OK : { code, error: error() };
}

/** The message for an error in the command line's words, naming the flag for bad input, secrets removed. */
export function errorMessage(err: unknown, secrets: readonly string[] = [], vocabulary: CliVocabulary = new CliVocabulary()): string {
    return redact(vocabulary.message(err), secrets);
}

/** The JSON form of an error, for `--json`. */
export function errorDocument(err: unknown, exitCode: ExitCodeValue, secrets: readonly string[] = [], vocabulary: CliVocabulary = new CliVocabulary()): Record<string, unknown> {
    const error: Record<string, unknown> = { message: errorMessage(err, secrets, vocabulary), exitCode };
    if (err instanceof OperationsError) error.code = err.code;
    if (err instanceof InvalidNameError || err instanceof InvalidOptionError) error.flag = vocabulary.subject(err.field);
    if (err instanceof GoogleApiError) {
        error.httpStatus = err.httpStatus;
        error.status = err.status;
        if (err.reason) error.reason = err.reason;
    }
    // A sweep that stopped part-way reports what it did before the failure (its items' messages in the same words).
    if (err instanceof SweepListError) {
        const items = err.partial.items.map((item) => (item.error ? { ...item, error: { ...item.error, message: redact(vocabulary.translate(item.error.message), secrets) } } : item));
        return { ...err.partial, items, exitCode, error };
    }
    return { error };
}

/**
 * Runs `body` and sets `process.exitCode`. Bad input ends through commander's usage error (exit code 2,
 * message naming the flag); other errors print `error: ...` and map to their exit code.
 */
export async function runAction(
    command: Command,
    options: object & { json?: boolean; accessToken?: string },
    io: Io,
    body: (context: ActionContext) => Promise<ActionResult>,
): Promise<void> {
    const abort = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => abort.abort(new AbortedError(`interrupted by ${signal}`));
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    const secrets = [options.accessToken, process.env.GOOGLE_OAUTH_ACCESS_TOKEN].filter((s): s is string => !!s && s.trim().length >= 4).map((s) => s.trim());
    const vocabulary = cliVocabulary(options as Readonly<Record<string, unknown>>);
    const say = (message: string) => redact(vocabulary.translate(message), secrets);
    if (options.accessToken !== undefined) {
        io.stderr.write("warning: --access-token is visible to other users of this machine in the process list; prefer GOOGLE_OAUTH_ACCESS_TOKEN\n");
    }
    let code: ExitCodeValue;
    try {
        const result = await body({ io, signal: abort.signal, say, describe: (err) => errorMessage(err, secrets, vocabulary) });
        if (result === ExitCode.OK) {
            code = ExitCode.OK;
        } else {
            code = result.code;
            io.stderr.write(`error: ${terminalSafe(redact(result.error, secrets))}\n`);
        }
    } catch (err) {
        code = abort.signal.aborted ? ExitCode.INTERRUPTED : exitCodeForError(err);
        const failure = abort.signal.aborted ? abort.signal.reason : err;
        if (options.json) writeJson(io, errorDocument(failure, code, secrets, vocabulary));
        const message = terminalSafe(errorMessage(failure, secrets, vocabulary));
        if (isUsageError(failure)) {
            // Prints "error: ..." and the --help hint, then throws a CommanderError that main turns into the exit code.
            command.error(`error: ${message}`, { exitCode: ExitCode.USAGE, code: "pulumi-gcp-operations.usage" });
        }
        io.stderr.write(`error: ${message}\n`);
        if (code === ExitCode.INTERNAL) io.stderr.write(bugNote(failure, secrets));
    } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
    }
    process.exitCode = code;
}

/**
 * What to do about an unexpected error (exit 1): it is a bug; the version, the Node version and (with
 * GCP_OPERATIONS_DEBUG=1) the stack, credentials redacted, are what a report needs.
 */
export function bugNote(failure: unknown, secrets: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
    const head = `note: this is a bug in pulumi-gcp-operations ${packageVersion()} (Node ${process.version}). `;
    if (env.GCP_OPERATIONS_DEBUG === "1") {
        const stack = failure instanceof Error && failure.stack ? failure.stack : String(failure);
        return `${head}Its stack (include it, with the command you ran, when you report it to the package's maintainers, listed by \`npm owner ls pulumi-gcp-operations\`):\n${terminalSafe(redact(stack, secrets))}\n`;
    }
    return `${head}Run the command again with GCP_OPERATIONS_DEBUG=1 to print its stack, and include it, with the command you ran, when you report it to the package's maintainers (\`npm owner ls pulumi-gcp-operations\` lists them)\n`;
}
