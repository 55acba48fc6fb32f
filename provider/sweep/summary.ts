import type { SweepCounts, SweepItem, SweepItemOutcome, SweepResult } from "./types";

/** Counts with every field at zero. */
export function emptyCounts(): SweepCounts {
    return { listed: 0, matched: 0, cancelled: 0, alreadyDone: 0, ended: 0, running: 0, failed: 0, skipped: 0 };
}

/** The count an item outcome falls under. */
export function bucketOf(outcome: SweepItemOutcome): Exclude<keyof SweepCounts, "listed" | "matched"> {
    switch (outcome) {
        case "CANCELLED":
            return "cancelled";
        case "SUCCEEDED":
        case "FAILED":
            return "alreadyDone";
        case "ENDED":
            return "ended";
        case "RUNNING":
            return "running";
        case "SKIPPED":
            return "skipped";
        case "NOT_FOUND":
        case "UNSUPPORTED":
        case "ERROR":
            return "failed";
    }
}

/** True for the outcomes counted as failures (ERROR, NOT_FOUND, UNSUPPORTED). */
export function isFailure(item: SweepItem): boolean {
    return bucketOf(item.outcome) === "failed";
}

/** A one-line account of a sweep for people, e.g. `3 of 1200 operations matched: 2 cancelled, 1 failed`. */
export function describeSweep(result: Pick<SweepResult, "parent" | "dryRun" | "counts"> & { complete?: boolean }): string {
    const c = result.counts;
    const head = `${result.parent}: ${c.matched} running operation${c.matched === 1 ? "" : "s"} matched of ${c.listed} listed`;
    if (result.dryRun) return `${head} (dry run: nothing was cancelled)`;
    const parts = [
        `${c.cancelled} cancelled`,
        ...(c.alreadyDone ? [`${c.alreadyDone} finished on their own`] : []),
        ...(c.ended ? [`${c.ended} ended (whether by the cancel, their service cannot tell)`] : []),
        ...(c.running ? [`${c.running} still running`] : []),
        ...(c.failed ? [`${c.failed} failed`] : []),
    ];
    const tail = result.complete === false ? "; the sweep stopped before the last page" : "";
    return c.matched === 0 ? `${head}${tail}` : `${head}: ${parts.join(", ")}${tail}`;
}
