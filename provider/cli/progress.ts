/**
 * Progress on stderr: a cli-progress bar on a terminal, calm plain lines otherwise (CI logs).
 */
import { SingleBar } from "cli-progress";
import type { WaitProgress } from "../google/client";
import type { SweepEvent, SweepItem, SweepItemOutcome } from "../sweep/types";
import { formatDuration } from "../util/duration";
import { cellSafe, shownOutcome, type Io } from "./output";

/** A progress display that must be stopped before the command writes its result. */
export interface ProgressDisplay<E> {
    update(event: E): void;
    stop(): void;
}

/** Plain lines: at most one every 2 s, besides the noteworthy ones. */
const PLAIN_GAP_MS = 2_000;
/** Plain wait lines: one every 15 s while nothing changes. */
const PLAIN_HEARTBEAT_MS = 15_000;

function useBar(io: Io): boolean {
    return io.stderr.isTTY === true && process.env.TERM !== "dumb";
}

function bar(io: Io, format: string): SingleBar {
    return new SingleBar({
        stream: io.stderr as NodeJS.WriteStream,
        format,
        hideCursor: true,
        clearOnComplete: true,
        stopOnComplete: false,
        etaBuffer: 20,
        fps: 5,
    });
}

/**
 * Plain lines for one wait, at a calm rate: when the operation's own status text changes (at most one
 * line every 2 s), every 15 s otherwise, and once when it is done. The status text is shown only when the
 * operation has one (`still running after 4.0s (rendering)`, `done after 5.1s`).
 */
export function plainWaitReporter(label: string, write: (line: string) => void, now: () => number = Date.now): (progress: WaitProgress) => void {
    let lastAt = Number.NEGATIVE_INFINITY;
    let lastStatus: string | undefined;
    let first = true;
    return (p) => {
        const done = p.operation.done === true;
        const at = now();
        const changed = first || p.statusMessage !== lastStatus;
        if (!(done || (changed && at - lastAt >= PLAIN_GAP_MS) || at - lastAt >= PLAIN_HEARTBEAT_MS)) return;
        first = false;
        lastAt = at;
        lastStatus = p.statusMessage;
        write(`${label}: ${p.name}: ${done ? "done" : "still running"} after ${formatDuration(p.elapsedMs)}${p.statusMessage ? ` (${p.statusMessage})` : ""}`);
    };
}

/** Progress of one wait (`cancel --wait`): elapsed time against the timeout. */
export function waitProgress(io: Io, label: string, timeoutMs: number): ProgressDisplay<WaitProgress> {
    if (!useBar(io)) {
        const report = plainWaitReporter(label, (line) => io.stderr.write(`${cellSafe(line)}\n`));
        return { update: report, stop: () => undefined };
    }
    const totalSeconds = Math.max(1, Math.round(timeoutMs / 1000));
    const display = bar(io, `${label} [{bar}] {elapsed} of {timeout} | {status}`);
    display.start(totalSeconds, 0, { elapsed: "0ms", timeout: formatDuration(timeoutMs), status: "starting" });
    return {
        update: (p) => {
            const status = p.statusMessage ?? (p.operation.done ? "done" : "running");
            display.update(Math.min(totalSeconds, Math.round(p.elapsedMs / 1000)), { elapsed: formatDuration(p.elapsedMs), status: cellSafe(status).slice(0, 60) });
        },
        stop: () => display.stop(),
    };
}

const NOTEWORTHY: ReadonlySet<SweepItemOutcome> = new Set(["ERROR", "NOT_FOUND", "UNSUPPORTED", "RUNNING"]);

/** What went wrong with an item, briefly: its HTTP and Google status (the full message is in the result). */
function briefly(item: SweepItem): string {
    const error = item.error;
    if (!error) return "";
    const status = [error.httpStatus !== undefined ? `HTTP ${error.httpStatus}` : "", error.status ?? ""].filter(Boolean).join(" ");
    return ` (${status || error.message.split(/[.;:]/)[0]!.slice(0, 80)})`;
}

/**
 * Progress of a sweep: completed against matched (which grows as pages arrive). Plain lines: one per page
 * listed, one per noteworthy item (failed, still running), and otherwise at most one every 2 s (none in the
 * first 2 s); a dry run handles no item, so it shows only the pages.
 */
export function sweepProgress(io: Io, options: { dryRun?: boolean; now?: () => number } = {}): ProgressDisplay<SweepEvent> {
    const now = options.now ?? Date.now;
    if (!useBar(io)) {
        let lastAt = now();
        const line = (text: string) => io.stderr.write(`sweep: ${cellSafe(text)}\n`);
        return {
            update: (event) => {
                const at = now();
                if (event.kind === "throttled") {
                    line(`the API asked to slow down (429); all workers wait ${formatDuration(event.delayMs)}`);
                } else if (event.kind === "page") {
                    line(`listed ${event.listed}, matched ${event.matched}`);
                } else if (event.item.outcome === "SKIPPED") {
                    // A dry run: selected, nothing done.
                } else if (NOTEWORTHY.has(event.item.outcome)) {
                    line(`${event.item.outcome} ${event.item.name}${briefly(event.item)}`);
                } else if (at - lastAt >= PLAIN_GAP_MS) {
                    lastAt = at;
                    line(`${event.completed} of ${event.matched} handled (last: ${event.item.name} ${shownOutcome(event.item.outcome)})`);
                }
            },
            stop: () => undefined,
        };
    }
    const display = bar(io, "sweep [{bar}] {value}/{total} | listed {listed} | {status}");
    display.start(1, 0, { listed: 0, status: "listing" });
    let total = 0;
    return {
        update: (event) => {
            if (event.kind === "page") {
                total = event.matched;
                display.setTotal(Math.max(1, total));
                display.update({ listed: event.listed, status: options.dryRun ? "selecting (dry run)" : "cancelling" });
            } else if (event.kind === "item") {
                if (event.matched > total) {
                    total = event.matched;
                    display.setTotal(total);
                }
                display.update(event.completed, { status: cellSafe(`${shownOutcome(event.item.outcome)} ${event.item.name.split("/").pop() ?? ""}`).slice(0, 60) });
            } else {
                display.update({ status: `throttled, waiting ${formatDuration(event.delayMs)}` });
            }
        },
        stop: () => display.stop(),
    };
}
