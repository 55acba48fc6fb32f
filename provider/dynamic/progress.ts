import type { WaitProgress } from "../google/client";
import { formatDuration } from "../util/duration";
import { hostEngineLog, type EngineLog } from "./engineLog";
import { urnOf } from "./urn";

/** Where progress lines go: stderr for the command line, stdout for the dynamic-provider host. */
export type LineSink = (line: string) => void;

const HEARTBEAT_MS = 15_000;
const MIN_GAP_MS = 2_000;

/**
 * Where one resource's progress goes during a provider step.
 *
 * In the dynamic-provider host, with the resource's URN known (see `./urn`), messages go to the engine
 * the way native providers send them: a passing status is ephemeral and shows in the resource's own
 * row of the `pulumi` display; the outcome is listed under the resource in the final Diagnostics.
 * Otherwise (state written by an older version, an engine out of reach, a test host) each message is
 * printed as a line on stdout, which the engine shows as a message of the stack.
 */
export interface ResourceProgress {
    /**
     * A passing status.
     *
     * @param row - The text for the resource's row (short: the row already names the resource).
     * @param line - The stdout line used when the message cannot be attributed to the resource.
     */
    status(row: string, line: string): void;
    /**
     * The step's outcome: one lasting message. Resolves once it was delivered or printed (await it before
     * the step returns, so the engine has it before the resource completes); never rejects.
     *
     * @param message - The message listed under the resource.
     * @param line - The stdout line used when the message cannot be attributed to the resource.
     */
    outcome(message: string, line: string): Promise<void>;
}

/** Options of {@link resourceProgress} (tests). */
export interface ResourceProgressOptions {
    /** The engine log; default the host's (none outside the dynamic-provider host). */
    log?: EngineLog;
    /** Where unattributed lines go; default stdout. */
    print?: LineSink;
}

/**
 * The progress channel of the resource whose inputs (or recorded outputs) are `props`.
 *
 * @param props - The step's inputs or recorded outputs; their hidden `__urn` names the resource.
 * @param opts - The engine log and the line printer.
 */
export function resourceProgress(props: Record<string, unknown>, opts: ResourceProgressOptions = {}): ResourceProgress {
    const print = opts.print ?? ((line: string) => console.log(line));
    const urn = urnOf(props);
    const log = urn === undefined ? undefined : (opts.log ?? safeHostEngineLog());
    if (urn === undefined || log === undefined) {
        return {
            status: (_row, line) => print(line),
            outcome: async (_message, line) => print(line),
        };
    }
    const send = (message: string, line: string, ephemeral: boolean): Promise<void> =>
        log.send({ severity: "info", message, urn, ephemeral }).then((delivered) => {
            if (!delivered) print(line);
        });
    return {
        status: (row, line) => void send(row, line, true),
        outcome: (message, line) => send(message, line, false),
    };
}

function safeHostEngineLog(): EngineLog | undefined {
    try {
        return hostEngineLog();
    } catch {
        return undefined;
    }
}

/**
 * A line sink for reporters that print `${prefix}${text}` lines (such as the sweep's): the line is the
 * stdout form, `text` the row form.
 *
 * @param progress - The resource's progress channel.
 * @param prefix - The part of each line the resource's row does not need (label and subject).
 */
export function statusSink(progress: ResourceProgress, prefix: string): LineSink {
    return (line) => progress.status(line.startsWith(prefix) ? line.slice(prefix.length) : line, line);
}

/** Calls `emit` at a calm rate: on a status change (at most every 2 s), every 15 s otherwise, and when done. */
function calm(now: () => number, emit: (progress: WaitProgress, status: string) => void): (progress: WaitProgress) => void {
    let lastAt = 0;
    let lastStatus: string | undefined;
    return (progress) => {
        const status = progress.statusMessage ?? (progress.operation.done ? "done" : "running");
        const changed = status !== lastStatus;
        const at = now();
        if ((changed && at - lastAt >= MIN_GAP_MS) || at - lastAt >= HEARTBEAT_MS || progress.operation.done) {
            lastAt = at;
            lastStatus = status;
            emit(progress, status);
        }
    };
}

function lineOf(label: string, progress: WaitProgress, status: string): string {
    return `${label}: ${progress.name}: ${progress.operation.done ? "done" : "still running"} after ${formatDuration(progress.elapsedMs)} (${status})`;
}

/** The row form: the operation's id and its own status; the display shows the elapsed time itself. */
function rowOf(progress: WaitProgress): string {
    const id = progress.name.slice(progress.name.lastIndexOf("/") + 1);
    return `waiting for ${id}${progress.statusMessage ? `: ${progress.statusMessage}` : ""}`;
}

/**
 * Turns poll results into progress lines at a calm rate: a line when the operation's status text
 * changes (at most one every 2 s), otherwise one every 15 s.
 */
export function progressReporter(label: string, sink: LineSink = (line) => console.log(line), now: () => number = Date.now): (progress: WaitProgress) => void {
    return calm(now, (progress, status) => sink(lineOf(label, progress, status)));
}

/**
 * {@link progressReporter} for a resource: the same calm rate, each status shown on the resource's row
 * (or printed as the same line when it cannot be). The last poll, which finds the operation done, shows
 * nothing: the step's outcome follows at once.
 */
export function resourceProgressReporter(label: string, progress: ResourceProgress, now: () => number = Date.now): (progress: WaitProgress) => void {
    const report = calm(now, (p, status) => progress.status(rowOf(p), lineOf(label, p, status)));
    return (p) => {
        if (!p.operation.done) report(p);
    };
}
