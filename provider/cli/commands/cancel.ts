/**
 * `cancel OPERATION`: cancel and confirm what became of it.
 */
import { Command } from "commander";
import type { CancelResult } from "../../google/client";
import { formatDuration } from "../../util/duration";
import { addCommonOptions, CREDENTIALS_HELP, type CommonOptions } from "../common";
import { cliSettings, createClient } from "../client";
import { EXIT_CODE_HELP, ExitCode, exitCodeForOutcome } from "../exitCodes";
import { operationArg } from "../names";
import { formatFields, summarize, writeJson, type Io, terminalSafe } from "../output";
import { durationArg } from "../parsers";
import { waitProgress } from "../progress";
import { resultOf, runAction, type ActionContext } from "../run";

const DEFAULT_TIMEOUT_MS = 20 * 60_000;

interface CancelOptions extends CommonOptions {
    wait?: boolean;
    timeout?: number;
}

const EXAMPLES = `
Examples:
  $ pulumi-gcp-operations cancel projects/my-proj/locations/us-central1/operations/operation-123 --service clouddeploy
  $ pulumi-gcp-operations cancel //gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1/operations/op-9 --timeout 5m
  $ pulumi-gcp-operations cancel operation-123 --project my-proj --location us-central1 --service clouddeploy --no-wait --json
  $ pulumi-gcp-operations cancel https://container.googleapis.com/v1/projects/my-proj/zones/us-central1-a/operations/operation-1732000000000-abcdef12

Reads the operation first (a finished one is left alone), sends the cancel, then waits until it is
done (--wait, the default) or reads it once more (--no-wait). Asks no confirmation: safe in pipelines.`;

/**
 * The JSON form of a cancel result: everything but the error object, whose facts are flattened; its
 * messages in the command line's words.
 */
export function cancelDocument(result: CancelResult, exitCode: number, context: Pick<ActionContext, "say" | "describe">): Record<string, unknown> {
    const { error, ...rest } = result;
    return {
        ...rest,
        message: context.say(result.message),
        exitCode,
        ...(error ? { error: { message: context.describe(error), httpStatus: error.httpStatus, status: error.status } } : {}),
    };
}

/** Builds the `cancel` command. */
export function cancelCommand(io: Io): Command {
    const command = new Command("cancel")
        .description("Cancel a long-running operation and confirm that it no longer runs")
        .argument("<OPERATION>", "projects/P/locations/L/operations/ID, //SERVICE.googleapis.com/..., an https API URL, or a bare ID with --project and --location")
        .option("--wait", "wait until the operation is done (default)")
        .option("--no-wait", "send the cancel and read the operation once; exit 0 if the cancel was accepted")
        .option("--timeout <duration>", "how long to wait in all, e.g. 90s, 20m, 1h (default 20m)", durationArg("--timeout"));
    addCommonOptions(command, "OPERATION");
    command.addHelpText("after", `${EXAMPLES}\n\n${CREDENTIALS_HELP}\n\n${EXIT_CODE_HELP}`);
    command.action(async (raw: string, options: CancelOptions) => {
        await runAction(command, options, io, async (context) => {
            const { signal, say } = context;
            const settings = cliSettings(options);
            const client = createClient(options, settings);
            const ref = operationArg(raw, settings);
            client.resolveOperation(ref, "OPERATION");
            const wait = options.wait !== false;
            const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
            const progress = wait ? waitProgress(io, "cancel", timeoutMs) : undefined;
            let result: CancelResult;
            try {
                result = await client.cancelAndConfirm(ref, { wait, timeoutMs, signal, ...(progress ? { onPoll: progress.update } : {}) });
            } finally {
                progress?.stop();
            }
            const code = exitCodeForOutcome(result.outcome, { wait, cancelSent: result.cancelSent });
            // The sentence that says what became of the operation: on stdout when all is well, otherwise the
            // one error line on stderr (never both).
            const sentence = say(result.message) + (code === ExitCode.STILL_RUNNING && wait ? ` (waited ${formatDuration(timeoutMs)}, the --timeout)` : "");
            if (options.json) {
                writeJson(io, cancelDocument(result, code, context));
            } else {
                const summary = result.operation ? summarize(result.operation) : undefined;
                const error = result.error;
                io.stdout.write(
                    formatFields([
                        ["NAME", result.name],
                        ["OUTCOME", result.outcome],
                        ["CANCEL SENT", result.cancelSent ? `yes, at ${result.cancelRequestedAt ?? "?"}` : "no"],
                        ["VERB", summary?.verb],
                        ["TARGET", summary?.target],
                        ["STATUS", summary?.statusMessage],
                        // Google's answer only: what to do about it is in the error line.
                        ["ERROR", error ? `HTTP ${error.httpStatus} ${error.status}: ${error.googleMessage.replace(/[.\s]+$/, "") || "(no message)"}` : undefined],
                        ["ELAPSED", formatDuration(result.elapsedMs)],
                    ]),
                );
                if (code === ExitCode.OK) io.stdout.write(`${terminalSafe(sentence)}\n`);
            }
            return resultOf(code, () => sentence);
        });
    });
    return command;
}
