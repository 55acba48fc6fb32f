/**
 * `sweep [PARENT]`: cancel every running operation in a scope that matches the selection, the same
 * selection as the OperationSweep resource.
 */
import { Command } from "commander";
import { InvalidOptionError } from "../../google/errors";
import { sweepOperations } from "../../sweep";
import { MAX_CONCURRENCY } from "../../sweep/engine";
import type { SweepItem, SweepResult, SweepSelection } from "../../sweep/types";
import { formatDuration } from "../../util/duration";
import { addCommonOptions, CREDENTIALS_HELP, type CommonOptions } from "../common";
import { cliSettings, createClient } from "../client";
import { EXIT_CODE_HELP, ExitCode, type ExitCodeValue } from "../exitCodes";
import { parentArg } from "../names";
import { formatTable, plural, shownOutcome, writeJson, type Io } from "../output";
import { collect, durationArg, nonEmptyArg, positiveIntArg } from "../parsers";
import { sweepProgress } from "../progress";
import { resultOf, runAction, type ActionContext } from "../run";

const DEFAULT_TIMEOUT_MS = 20 * 60_000;

interface SweepFlags extends CommonOptions {
    target?: string;
    targetPrefix?: string;
    verb?: string[];
    olderThan?: number;
    filter?: string;
    maxConcurrency?: number;
    pageSize?: number;
    dryRun?: boolean;
    wait?: boolean;
    timeout?: number;
    all?: boolean;
}

const EXAMPLES = `
Examples:
  $ pulumi-gcp-operations sweep projects/my-proj/locations/us-central1 --service clouddeploy \\
      --target projects/123/locations/us-central1/deliveryPipelines/web --dry-run
  $ pulumi-gcp-operations sweep //gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1 \\
      --target-prefix projects/123/locations/us-west1/awsClusters/prod --verb update --older-than 30m
  $ pulumi-gcp-operations sweep --project my-proj --location us-central1 --service clouddeploy --all --no-wait --json

Selection (every criterion given must match; only operations still running are taken): --target,
--target-prefix, --verb, --older-than, --filter (server-side). Without any criterion, pass --all to
sweep every running operation in PARENT (a dry run needs none). Asks no confirmation.
Exit code 0 when every selected operation no longer runs (or was only listed, --dry-run).`;

/** The selection flags as the sweep engine takes them. */
export function selectionOf(flags: SweepFlags): SweepSelection {
    return {
        ...(flags.target !== undefined ? { target: flags.target } : {}),
        ...(flags.targetPrefix !== undefined ? { targetPrefix: flags.targetPrefix } : {}),
        ...(flags.verb !== undefined ? { verbs: flags.verb } : {}),
        ...(flags.olderThan !== undefined ? { olderThanMs: flags.olderThan } : {}),
        ...(flags.filter !== undefined ? { filter: flags.filter } : {}),
    };
}

/**
 * The exit code of a sweep: an interruption first, then failures, then operations still running or
 * never reached before the deadline (still running is expected with --no-wait once the cancel was sent).
 */
export function sweepExitCode(result: SweepResult, wait: boolean): ExitCodeValue {
    // Interrupted first: the items cut short by the interrupt are failures only because of it.
    if (result.stoppedBy === "signal") return ExitCode.INTERRUPTED;
    if (result.counts.failed > 0) return ExitCode.PARTIAL_FAILURE;
    const stillRunning = result.items.some((item) => item.outcome === "RUNNING" && (wait || !item.cancelSent));
    return stillRunning || result.complete === false ? ExitCode.STILL_RUNNING : ExitCode.OK;
}

const CANCEL_SHOWN: Record<SweepItem["cancel"], string> = { sent: "sent", "not-sent": "not sent", unknown: "unknown" };

/** A table row for an item; a dry run sends nothing, so it has no CANCEL column. */
function itemRow(item: SweepItem, dryRun: boolean, say: ActionContext["say"]): string[] {
    const id = item.name.split("/").pop() ?? item.name;
    const error = item.error ? say(item.error.message) : "";
    return dryRun
        ? [id, shownOutcome(item.outcome), item.verb ?? "", item.target ?? "", error]
        : [id, shownOutcome(item.outcome), CANCEL_SHOWN[item.cancel], item.verb ?? "", item.target ?? "", error];
}

/** Why a sweep exits non-zero, in one sentence (the items say the rest). */
export function sweepFailure(result: SweepResult, code: ExitCodeValue, context: { json: boolean; timeoutMs: number; signal: AbortSignal }): string {
    const c = result.counts;
    const handled = result.items.length > 0 ? `${c.cancelled + c.alreadyDone + c.ended + c.failed} of ${c.matched} selected operations handled` : "nothing handled yet";
    const where = context.json ? "items[].cancel" : "the CANCEL column";
    switch (code) {
        case ExitCode.INTERRUPTED: {
            const reason = context.signal.reason instanceof Error ? context.signal.reason.message : "interrupted";
            return `${reason}: ${handled}; whether each cancel was sent is in ${where}`;
        }
        case ExitCode.PARTIAL_FAILURE:
            return `${c.failed} of ${plural(c.matched, "selected operation")} could not be cancelled; why is in ${context.json ? "items[].error" : "the ERROR column"}`;
        default: {
            const running = c.running > 0 ? `${plural(c.running, "selected operation")} still running` : "";
            const unlisted = result.complete === false ? "not every page was listed" : "";
            return `${[running, unlisted].filter(Boolean).join(", and ")} when the sweep ended after ${formatDuration(result.elapsedMs)} (--timeout ${formatDuration(context.timeoutMs)})`;
        }
    }
}

/** Builds the `sweep` command. */
export function sweepCommand(io: Io): Command {
    const command = new Command("sweep")
        .description("Cancel every running operation in a project and location that matches the selection")
        .argument("[PARENT]", "projects/P/locations/L, //SERVICE.googleapis.com/..., an https API URL; default from --project and --location")
        .option("--target <resource>", "only operations whose metadata.target is exactly this resource (one pipeline, one cluster)", nonEmptyArg("--target"))
        .option("--target-prefix <prefix>", "only operations whose metadata.target starts with this", nonEmptyArg("--target-prefix"))
        .option("--verb <verb>", "only operations with this metadata.verb (repeatable, or comma-separated: create,update)", collect("--verb"))
        .option("--older-than <duration>", "only operations created at least this long ago, e.g. 30m, 2h", durationArg("--older-than"))
        .option("--filter <expr>", "server-side filter sent with ListOperations (support varies by service)", nonEmptyArg("--filter"))
        .option("--all", "sweep every running operation in PARENT when no other criterion is given")
        .option("--max-concurrency <n>", `cancels in flight at once, 1 to ${MAX_CONCURRENCY} (default 8)`, positiveIntArg("--max-concurrency", MAX_CONCURRENCY))
        .option("--page-size <n>", "operations per ListOperations page, 1 to 1000 (default 100)", positiveIntArg("--page-size", 1000))
        .option("--dry-run", "list and select only; send no cancel")
        .option("--no-wait", "do not wait for cancelled operations to be done")
        .option("--timeout <duration>", "deadline of the whole sweep, e.g. 20m (default 20m)", durationArg("--timeout"));
    addCommonOptions(command, "PARENT");
    command.addHelpText("after", `${EXAMPLES}\n\n${CREDENTIALS_HELP}\n\n${EXIT_CODE_HELP}`);
    command.action(async (raw: string | undefined, flags: SweepFlags) => {
        await runAction(command, flags, io, async ({ signal, say }) => {
            const settings = cliSettings(flags);
            const client = createClient(flags, settings);
            const ref = parentArg(raw, settings);
            client.resolveParent(ref, "PARENT");
            const selection = selectionOf(flags);
            if (Object.keys(selection).length === 0 && !flags.all && !flags.dryRun) {
                throw new InvalidOptionError(
                    "--all",
                    "--all is required to sweep every running operation in PARENT; or narrow it with --target, --target-prefix, --verb, --older-than or --filter (try --dry-run first)",
                );
            }
            const wait = flags.wait !== false;
            const dryRun = flags.dryRun === true;
            const timeoutMs = flags.timeout ?? DEFAULT_TIMEOUT_MS;
            const progress = sweepProgress(io, { dryRun });
            let result: SweepResult;
            try {
                result = await sweepOperations(client, {
                    parent: ref,
                    selection,
                    dryRun,
                    wait,
                    timeoutMs,
                    signal,
                    onEvent: progress.update,
                    ...(flags.maxConcurrency !== undefined ? { maxConcurrency: flags.maxConcurrency } : {}),
                    ...(flags.pageSize !== undefined ? { pageSize: flags.pageSize } : {}),
                });
            } finally {
                progress.stop();
            }
            const code = sweepExitCode(result, wait);
            const failure = () => sweepFailure(result, code, { json: flags.json === true, timeoutMs, signal });
            if (flags.json) {
                const items = result.items.map((item) => (item.error ? { ...item, error: { ...item.error, message: say(item.error.message) } } : item));
                writeJson(io, { ...result, items, exitCode: code });
                return resultOf(code, failure);
            }
            if (result.items.length > 0) {
                const header = result.dryRun ? ["ID", "OUTCOME", "VERB", "TARGET", "ERROR"] : ["ID", "OUTCOME", "CANCEL", "VERB", "TARGET", "ERROR"];
                io.stdout.write(formatTable(header, result.items.map((item) => itemRow(item, result.dryRun, say))));
            }
            const c = result.counts;
            io.stdout.write(
                `${result.dryRun ? "Dry run: " : ""}${result.parent}: listed ${c.listed}, matched ${c.matched}` +
                    (result.dryRun
                        ? `, would cancel ${c.skipped}`
                        : `, cancelled ${c.cancelled}, already done ${c.alreadyDone}${c.ended ? `, ended ${c.ended}` : ""}, still running ${c.running}, failed ${c.failed}`) +
                    ` (${plural(result.requests, "request")}, ${formatDuration(result.elapsedMs)})\n`,
            );
            return resultOf(code, failure);
        });
    });
    return command;
}
