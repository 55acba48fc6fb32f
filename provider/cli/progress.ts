/**
 * Progress on stderr: a cli-progress bar on a terminal, calm plain lines otherwise (CI logs).
 */
import { cellSafe } from "./output";
import { SingleBar } from "cli-progress";
import type { WaitProgress } from "../google/client";
import { progressReporter } from "../dynamic/progress";
import type { SweepEvent, SweepItemOutcome } from "../sweep/types";
import { formatDuration } from "../util/duration";
import type { Io } from "./output";

/** A progress display that must be stopped before the command writes its result. */
export interface ProgressDisplay<E> {
    update(event: E): void;
    stop(): void;
}

const PLAIN_GAP_MS = 2_000;

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

/** Progress of one wait (`cancel --wait`): elapsed time against the timeout. */
export function waitProgress(io: Io, label: string, timeoutMs: number): ProgressDisplay<WaitProgress> {
    if (!useBar(io)) {
        const report = progressReporter(label, (line) => io.stderr.write(`${cellSafe(line)}\n`));
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

/** Progress of a sweep: completed against matched (which grows as pages arrive). */
export function sweepProgress(io: Io, now: () => number = Date.now): ProgressDisplay<SweepEvent> {
    if (!useBar(io)) {
        let lastAt = 0;
        const line = (text: string) => io.stderr.write(`sweep: ${cellSafe(text)}\n`);
        return {
            update: (event) => {
                const at = now();
                if (event.kind === "throttled") {
                    line(`the API asked to slow down (429); all workers wait ${formatDuration(event.delayMs)}`);
                } else if (event.kind === "page") {
                    line(`listed ${event.listed}, matched ${event.matched}`);
                } else if (NOTEWORTHY.has(event.item.outcome)) {
                    line(`${event.item.outcome} ${event.item.name}${event.item.error ? `: ${event.item.error.message}` : ""}`);
                } else if (at - lastAt >= PLAIN_GAP_MS) {
                    lastAt = at;
                    line(`${event.completed}/${event.matched} done (last: ${event.item.outcome} ${event.item.name})`);
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
                display.update({ listed: event.listed, status: "cancelling" });
            } else if (event.kind === "item") {
                if (event.matched > total) {
                    total = event.matched;
                    display.setTotal(total);
                }
                display.update(event.completed, { status: `${event.item.outcome} ${event.item.name.split("/").pop() ?? ""}`.slice(0, 60) });
            } else {
                display.update({ status: `throttled, waiting ${formatDuration(event.delayMs)}` });
            }
        },
        stop: () => display.stop(),
    };
}
