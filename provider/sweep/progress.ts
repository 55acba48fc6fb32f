import { bucketOf } from "./summary";
import { formatDuration } from "../util/duration";
import type { SweepCounts, SweepEvent } from "./types";

const MIN_GAP_MS = 2_000;

/**
 * Turns sweep events into progress lines at a calm rate: at most one line every 2 s while pages and
 * items come in, and a line whenever the API asks the sweep to slow down.
 */
export function sweepProgressReporter(
    label: string,
    parent: string,
    sink: (line: string) => void = (line) => console.log(line),
    now: () => number = Date.now,
): (event: SweepEvent) => void {
    const started = now();
    let lastAt = started;
    let listed = 0;
    const done: Pick<SweepCounts, "cancelled" | "alreadyDone" | "ended" | "running" | "failed"> = { cancelled: 0, alreadyDone: 0, ended: 0, running: 0, failed: 0 };
    let completed = 0;
    let matched = 0;
    return (event) => {
        const at = now();
        if (event.kind === "throttled") {
            sink(`${label}: ${parent}: the API asked to slow down (429); every request of the sweep waits ${formatDuration(event.delayMs)}`);
            lastAt = at;
            return;
        }
        if (event.kind === "page") {
            listed = event.listed;
            matched = event.matched;
        } else {
            completed = event.completed;
            matched = event.matched;
            const bucket = bucketOf(event.item.outcome);
            if (bucket !== "skipped") done[bucket]++;
        }
        if (at - lastAt < MIN_GAP_MS) return;
        lastAt = at;
        sink(
            `${label}: ${parent}: ${listed} listed, ${matched} matched, ${completed} handled ` +
                `(${done.cancelled} cancelled, ${done.alreadyDone} finished, ${done.ended ? `${done.ended} ended, ` : ""}${done.running} still running, ${done.failed} failed) after ${formatDuration(at - started)}`,
        );
    };
}
