/**
 * A resource's progress in-process: messages to the engine when the resource's URN is known and the engine
 * takes them, stdout lines otherwise; the calm rate of the poll reporters; the row and line forms.
 * (The real engine's display is checked in tests/engine/progress.test.ts.)
 */
import type { WaitProgress } from "../../provider/google/client";
import { progressReporter, resourceProgress, resourceProgressReporter, statusSink } from "../../provider/dynamic/progress";
import { URN_KEY, urnOf, withUrn } from "../../provider/dynamic/urn";
import { installHostEngineLog, recordingEngineLog } from "./support";

const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationCancellation::stale";
const OP = "projects/p/locations/us-central1/operations/op-1";


const progress = (elapsedMs: number, extra: Partial<WaitProgress> = {}): WaitProgress => ({ name: OP, operation: { name: OP }, elapsedMs, polls: 1, ...extra });

describe("resourceProgress", () => {
    test("with a URN and an engine that takes them: a status is ephemeral, the outcome lasting; nothing is printed", async () => {
        const log = recordingEngineLog(true);
        const printed: string[] = [];
        const channel = resourceProgress({ [URN_KEY]: URN }, { log, print: (l) => printed.push(l) });
        channel.status("row text", "line text");
        await channel.outcome("the outcome", "outcome line");
        expect(log.sent).toEqual([
            { severity: "info", message: "row text", urn: URN, ephemeral: true },
            { severity: "info", message: "the outcome", urn: URN, ephemeral: false },
        ]);
        expect(printed).toEqual([]);
    });

    test("an engine that does not take a message: its stdout line is printed instead", async () => {
        const log = recordingEngineLog(false);
        const printed: string[] = [];
        const channel = resourceProgress({ [URN_KEY]: URN }, { log, print: (l) => printed.push(l) });
        channel.status("row", "status line");
        await channel.outcome("message", "outcome line");
        await log.flush();
        await new Promise((r) => setImmediate(r));
        expect(printed).toEqual(["status line", "outcome line"]);
    });

    test("without a URN (state from before it existed, or a value that is not a URN) every message is a printed line", async () => {
        for (const props of [{}, { [URN_KEY]: "not-a-urn" }, { [URN_KEY]: 42 }]) {
            const log = recordingEngineLog(true);
            const printed: string[] = [];
            const channel = resourceProgress(props, { log, print: (l) => printed.push(l) });
            channel.status("row", "status line");
            await channel.outcome("message", "outcome line");
            expect(printed).toEqual(["status line", "outcome line"]);
            expect(log.sent).toEqual([]);
        }
    });

    test("outside a dynamic-provider host (no engine log) lines go to console.log by default", async () => {
        const logged = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            const channel = resourceProgress({ [URN_KEY]: URN });
            channel.status("row", "status line");
            await channel.outcome("message", "outcome line");
            expect(logged.mock.calls).toEqual([["status line"], ["outcome line"]]);
        } finally {
            logged.mockRestore();
        }
    });
});

describe("statusSink", () => {
    test("the row is the line without its prefix; a line without the prefix is shown whole", () => {
        const calls: Array<[string, string]> = [];
        const sink = statusSink({ status: (row, line) => calls.push([row, line]), outcome: async () => undefined }, "sweep p: ");
        sink("sweep p: 3 of 10 handled");
        sink("other: text");
        expect(calls).toEqual([
            ["3 of 10 handled", "sweep p: 3 of 10 handled"],
            ["other: text", "other: text"],
        ]);
    });
});

describe("progressReporter: a calm rate", () => {
    test("the first poll, a changed status after 2 s, a heartbeat every 15 s, and the poll that finds it done", () => {
        let now = 100_000;
        const lines: string[] = [];
        const report = progressReporter("cancel", (l) => lines.push(l), () => now);
        report(progress(1_000, { statusMessage: "queued" }));
        now += 1_000;
        report(progress(2_000, { statusMessage: "aborting" })); // changed, but within 2 s: not shown
        now += 1_000;
        report(progress(3_000, { statusMessage: "aborting" })); // 2 s after the last line and changed since it: shown
        now += 14_999;
        report(progress(17_999, { statusMessage: "aborting" })); // unchanged, under 15 s: not shown
        now += 1;
        report(progress(18_000, { statusMessage: "aborting" })); // 15 s: heartbeat
        now += 10;
        report(progress(18_010, { operation: { name: OP, done: true } })); // done: always shown
        expect(lines).toEqual([
            `cancel: ${OP}: still running after 1.0s (queued)`,
            `cancel: ${OP}: still running after 3.0s (aborting)`,
            `cancel: ${OP}: still running after 18.0s (aborting)`,
            `cancel: ${OP}: done after 18.0s (done)`,
        ]);
    });

    test("without a status text the status is running; the default sink is console.log", () => {
        const logged = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            progressReporter("wait", undefined, () => 100_000)(progress(500));
            expect(logged.mock.calls).toEqual([[`wait: ${OP}: still running after 500ms (running)`]]);
        } finally {
            logged.mockRestore();
        }
    });
});

describe("resourceProgressReporter", () => {
    test("each shown poll is a row naming the operation's id and status, with the full line as fallback; the done poll shows nothing", () => {
        let now = 100_000;
        const calls: Array<[string, string]> = [];
        const report = resourceProgressReporter("cancel", { status: (row, line) => calls.push([row, line]), outcome: async () => undefined }, () => now);
        report(progress(1_000));
        now += 3_000;
        report(progress(4_000, { statusMessage: "aborting" }));
        now += 3_000;
        report(progress(7_000, { operation: { name: OP, done: true } }));
        expect(calls).toEqual([
            ["waiting for op-1", `cancel: ${OP}: still running after 1.0s (running)`],
            ["waiting for op-1: aborting", `cancel: ${OP}: still running after 4.0s (aborting)`],
        ]);
    });
});

describe("the URN input", () => {
    test("urnOf takes only a string that is a Pulumi URN", () => {
        expect(urnOf({ [URN_KEY]: URN })).toBe(URN);
        for (const props of [undefined, null, {}, { [URN_KEY]: 1 }, { [URN_KEY]: "urn:other" }]) expect(urnOf(props)).toBeUndefined();
    });

    test("withUrn adds the URN of the call to outputs that have none, and never replaces one", () => {
        expect(withUrn({ a: 1 }, { [URN_KEY]: URN })).toEqual({ a: 1, [URN_KEY]: URN });
        const other = "urn:pulumi:dev::proj::t::other";
        expect(withUrn({ [URN_KEY]: other }, { [URN_KEY]: URN })).toEqual({ [URN_KEY]: other });
        const outs = { a: 1 };
        expect(withUrn(outs, {})).toBe(outs);
        expect(withUrn(undefined, { [URN_KEY]: URN })).toBeUndefined();
    });
});

describe("the defaults (survivors of mutation run 8, docs/mutation.md)", () => {
    test("without a log given, the host's engine log (as hostEngineLog keeps it) takes the messages", async () => {
        const log = recordingEngineLog(true);
        const restore = installHostEngineLog(log);
        try {
            const printed: string[] = [];
            const channel = resourceProgress({ [URN_KEY]: URN }, { print: (l) => printed.push(l) });
            channel.status("row", "line");
            await channel.outcome("done", "outcome line");
            expect(log.sent).toEqual([
                { severity: "info", message: "row", urn: URN, ephemeral: true },
                { severity: "info", message: "done", urn: URN, ephemeral: false },
            ]);
            expect(printed).toEqual([]);
        } finally {
            restore();
        }
    });

    test("an unchanged status is not shown again 5 s later, only at 15 s", () => {
        let now = 100_000;
        const lines: string[] = [];
        const report = progressReporter("cancel", (l) => lines.push(l), () => now);
        const aborting = (elapsedMs: number) => progress(elapsedMs, { statusMessage: "aborting" });
        report(aborting(1_000));
        now += 5_000;
        report(aborting(6_000));
        now += 10_000;
        report(aborting(16_000));
        expect(lines).toEqual([`cancel: ${OP}: still running after 1.0s (aborting)`, `cancel: ${OP}: still running after 16.0s (aborting)`]);
    });
});
