import type { WaitProgress } from "../google/client";
import { formatDuration } from "../util/duration";

/** Where progress lines go; the dynamic-provider host forwards stdout to the `pulumi` output. */
export type LineSink = (line: string) => void;

const HEARTBEAT_MS = 15_000;
const MIN_GAP_MS = 2_000;

/**
 * Turns poll results into progress lines at a calm rate: a line when the operation's status text
 * changes (at most one every 2 s), otherwise one every 15 s.
 */
export function progressReporter(label: string, sink: LineSink = (line) => console.log(line), now: () => number = Date.now): (progress: WaitProgress) => void {
    let lastAt = 0;
    let lastStatus: string | undefined;
    return (progress) => {
        const status = progress.statusMessage ?? (progress.operation.done ? "done" : "running");
        const changed = status !== lastStatus;
        const at = now();
        if ((changed && at - lastAt >= MIN_GAP_MS) || at - lastAt >= HEARTBEAT_MS || progress.operation.done) {
            lastAt = at;
            lastStatus = status;
            sink(`${label}: ${progress.name}: ${progress.operation.done ? "done" : "still running"} after ${formatDuration(progress.elapsedMs)} (${status})`);
        }
    };
}
