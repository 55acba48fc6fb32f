/**
 * Mutants of the sweep that survived `npm run mutate` (docs/mutation.md): option and selection
 * validation at each boundary, the one-line account of a sweep, the failure buckets, and the progress
 * lines. Options are refused before any request, so these run without an emulator.
 */
import { InvalidOptionError, OperationsClient, parseParentName } from "../../provider/google";
import type { Operation } from "../../provider/google/types";
import { bucketOf } from "../../provider/sweep/summary";
import {
    compileSelection,
    describeSweep,
    emptyCounts,
    isFailure,
    normalizeTarget,
    sweepOperations,
    sweepProgressReporter,
    validateSelection,
    type SweepEvent,
    type SweepItem,
    type SweepOptions,
    type SweepSelection,
} from "../../provider/sweep";

const PARENT = "projects/my-project/locations/us-central1";
// Never reached: every case below is refused before a request.
const client = new OperationsClient({ endpoint: "http://127.0.0.1:9", credentials: { accessToken: "unused" } });

async function refusal(options: Partial<SweepOptions>): Promise<InvalidOptionError> {
    const err: unknown = await sweepOperations(client, { parent: PARENT, ...options }).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidOptionError);
    return err as InvalidOptionError;
}

function selectionRefusal(selection: SweepSelection): InvalidOptionError {
    let caught: unknown;
    try {
        validateSelection(selection);
    } catch (e) {
        caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidOptionError);
    return caught as InvalidOptionError;
}

describe("sweep options are refused at each boundary, naming the field", () => {
    test.each([0, -1, Number.POSITIVE_INFINITY, Number.NaN])("timeoutMs %p", async (timeoutMs) => {
        const err = await refusal({ timeoutMs });
        expect(err.field).toBe("timeoutMs");
        expect(err.message).toBe("timeoutMs must be a positive number of milliseconds");
    });

    test.each([0, 65, 1.5])("maxConcurrency %p", async (maxConcurrency) => {
        const err = await refusal({ maxConcurrency });
        expect(err.field).toBe("maxConcurrency");
        expect(err.message).toBe(`maxConcurrency must be an integer from 1 to 64; got ${maxConcurrency}`);
    });

    test.each([0, -3, 2.5])("pageSize %p", async (pageSize) => {
        const err = await refusal({ pageSize });
        expect(err.field).toBe("pageSize");
        expect(err.message).toBe("pageSize must be a positive integer");
    });

    test("the boundaries themselves are accepted (the sweep goes on to list, and fails only there)", async () => {
        for (const options of [{ maxConcurrency: 1 }, { maxConcurrency: 64 }, { pageSize: 1 }, { retainItems: "unresolved" as const }, { retainItems: "all" as const }]) {
            const outcome: unknown = await sweepOperations(client, { parent: PARENT, timeoutMs: 300, ...options }).then(
                (result) => result,
                (e: unknown) => e,
            );
            expect(outcome).not.toBeInstanceOf(InvalidOptionError);
        }
    });

    test("retainItems other than all or unresolved", async () => {
        const err = await refusal({ retainItems: "some" as unknown as "all" });
        expect(err.field).toBe("retainItems");
        expect(err.message).toBe('retainItems must be "all" or "unresolved"; got "some"');
    });
});

describe("a selection is refused at each boundary, naming the field", () => {
    test.each(["target", "targetPrefix", "filter"] as const)("%s blank or not a string", (key) => {
        for (const value of ["   ", 7 as unknown as string]) {
            const err = selectionRefusal({ [key]: value });
            expect(err.field).toBe(key);
            expect(err.message).toBe(`${key} must be a non-empty string, or be left out`);
        }
    });

    test("verbs: an empty list, a blank verb, a verb that is not a string", () => {
        expect(selectionRefusal({ verbs: [] }).field).toBe("verbs");
        expect(selectionRefusal({ verbs: [] }).message).toBe('verbs must be a non-empty list such as ["create", "update"], or be left out');
        for (const bad of ["  ", 3 as unknown as string]) {
            const err = selectionRefusal({ verbs: ["create", bad] });
            expect(err.field).toBe("verbs");
            expect(err.message).toBe('verbs[1] must be a non-empty string such as "create"');
        }
    });

    test("olderThan: negative or infinite is refused, zero is accepted", () => {
        for (const olderThanMs of [-1, Number.POSITIVE_INFINITY, Number.NaN]) {
            const err = selectionRefusal({ olderThanMs });
            expect(err.field).toBe("olderThan");
            expect(err.message).toBe('olderThan must be a non-negative duration such as "30m"');
        }
        expect(() => validateSelection({ olderThanMs: 0 })).not.toThrow();
    });
});

describe("selection details", () => {
    const parent = parseParentName(PARENT);
    const op = (metadata: Record<string, unknown>): Operation => ({ name: `${PARENT}/operations/x`, metadata }) as Operation;

    test("only an all-digit project is taken for the parent's project number", () => {
        expect(normalizeTarget("projects/123/locations/l/x/y", "my-project")).toBe("projects/\u0000/locations/l/x/y");
        expect(normalizeTarget("projects/a123/locations/l", "my-project")).toBe("projects/a123/locations/l");
        expect(normalizeTarget("projects/123a/locations/l", "my-project")).toBe("projects/123a/locations/l");
        expect(normalizeTarget("//svc.googleapis.com/projects/my-project", "my-project")).toBe("projects/\u0000");
    });

    test("olderThan selects an operation exactly that old", () => {
        const now = Date.parse("2026-01-01T01:00:00Z");
        const select = compileSelection({ olderThanMs: 3_600_000 }, parent);
        expect(select(op({ createTime: "2026-01-01T00:00:00Z" }), now)).toBe(true);
        expect(select(op({ createTime: "2026-01-01T00:00:01Z" }), now)).toBe(false);
    });
});

describe("describeSweep and isFailure", () => {
    const counts = (extra: Partial<ReturnType<typeof emptyCounts>>) => ({ ...emptyCounts(), ...extra });

    test("every bucket is named, singular and plural, and an incomplete sweep says so", () => {
        expect(describeSweep({ parent: PARENT, dryRun: false, counts: counts({ listed: 9, matched: 1, cancelled: 1 }) })).toBe(
            `${PARENT}: 1 running operation matched of 9 listed: 1 cancelled`,
        );
        expect(
            describeSweep({ parent: PARENT, dryRun: false, complete: false, counts: counts({ listed: 9, matched: 6, cancelled: 0, alreadyDone: 1, running: 2, failed: 3 }) }),
        ).toBe(`${PARENT}: 6 running operations matched of 9 listed: 0 cancelled, 1 finished on their own, 2 still running, 3 failed; the sweep stopped before the last page`);
        expect(describeSweep({ parent: PARENT, dryRun: false, complete: false, counts: counts({ listed: 4 }) })).toBe(
            `${PARENT}: 0 running operations matched of 4 listed; the sweep stopped before the last page`,
        );
        expect(describeSweep({ parent: PARENT, dryRun: true, counts: counts({ listed: 2, matched: 2, skipped: 2 }) })).toBe(
            `${PARENT}: 2 running operations matched of 2 listed (dry run: nothing was cancelled)`,
        );
    });

    test("operations that ended where their service cannot show the cancel (GKE, Cloud SQL) are named apart", () => {
        expect(describeSweep({ parent: PARENT, dryRun: false, counts: counts({ listed: 5, matched: 3, cancelled: 1, ended: 2 }) })).toBe(
            `${PARENT}: 3 running operations matched of 5 listed: 1 cancelled, 2 ended (whether by the cancel, their service cannot tell)`,
        );
        expect(bucketOf("ENDED")).toBe("ended");
    });

    test("ERROR, NOT_FOUND and UNSUPPORTED are failures; the rest are not", () => {
        const item = (outcome: SweepItem["outcome"]) => ({ name: "n", outcome, cancelSent: false, cancel: "not-sent" }) as SweepItem;
        expect(["ERROR", "NOT_FOUND", "UNSUPPORTED"].map((o) => isFailure(item(o as SweepItem["outcome"])))).toEqual([true, true, true]);
        expect(["CANCELLED", "SUCCEEDED", "FAILED", "ENDED", "RUNNING", "SKIPPED"].map((o) => isFailure(item(o as SweepItem["outcome"])))).toEqual([false, false, false, false, false, false]);
    });
});

describe("sweepProgressReporter", () => {
    const item = (outcome: SweepItem["outcome"], completed: number): SweepEvent => ({
        kind: "item",
        item: { name: "n", outcome, cancelSent: false, cancel: "not-sent" } as SweepItem,
        completed,
        matched: 7,
    });

    test("one line per 2 s at most, every bucket counted; a 429 always prints", () => {
        let clock = 1_000_000;
        const lines: string[] = [];
        const report = sweepProgressReporter("sweep", PARENT, (line) => lines.push(line), () => clock);
        report({ kind: "page", listed: 10, matched: 7 });
        report(item("CANCELLED", 1));
        report(item("SUCCEEDED", 2));
        report(item("FAILED", 3));
        report(item("RUNNING", 4));
        report(item("SKIPPED", 5));
        report(item("ERROR", 6));
        clock += 1_999;
        report(item("NOT_FOUND", 7));
        expect(lines).toEqual([]);
        clock += 1;
        report({ kind: "page", listed: 12, matched: 7 });
        expect(lines).toEqual([`sweep: ${PARENT}: 12 listed, 7 matched, 7 handled (1 cancelled, 2 finished, 1 still running, 2 failed) after 2.0s`]);
        clock += 500;
        report({ kind: "throttled", delayMs: 1500 });
        expect(lines[1]).toBe(`sweep: ${PARENT}: the API asked to slow down (429); every request of the sweep waits 1.5s`);
        clock += 1_999;
        report({ kind: "page", listed: 13, matched: 7 });
        expect(lines).toHaveLength(2);
    });

    test("ended operations have their own count in the line, only once there is one", () => {
        let clock = 1_000_000;
        const lines: string[] = [];
        const report = sweepProgressReporter("sweep", PARENT, (line) => lines.push(line), () => clock);
        report(item("CANCELLED", 1));
        report(item("ENDED", 2));
        report(item("ENDED", 3));
        clock += 2_000;
        report({ kind: "page", listed: 4, matched: 3 });
        expect(lines).toEqual([`sweep: ${PARENT}: 4 listed, 3 matched, 3 handled (1 cancelled, 0 finished, 2 ended, 0 still running, 0 failed) after 2.0s`]);
    });
});
