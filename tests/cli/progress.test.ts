import { PassThrough } from "node:stream";
import type { Io } from "../../provider/cli/output";
import { sweepProgress, waitProgress } from "../../provider/cli/progress";

function fakeIo(tty: boolean): { io: Io; text: () => string } {
    const stderr = Object.assign(new PassThrough(), { isTTY: tty, columns: 100 });
    let text = "";
    stderr.setEncoding("utf8").on("data", (d: string) => (text += d));
    return { io: { stdout: new PassThrough(), stderr }, text: () => text };
}

const running = { name: "projects/p/locations/l/operations/o", operation: { name: "projects/p/locations/l/operations/o" }, elapsedMs: 1200, polls: 1, statusMessage: "rendering" };

describe("progress on stderr", () => {
    it("draws a cli-progress bar on a terminal and restores the cursor when stopped", () => {
        const { io, text } = fakeIo(true);
        const display = waitProgress(io, "cancel", 60_000);
        display.update(running);
        display.stop();
        expect(text()).toContain("cancel [");
        expect(text()).toContain("of 1m00s");
        expect(text()).toContain("\u001b[?25l"); // cursor hidden while drawing
        expect(text()).toContain("\u001b[?25h"); // and shown again
    });

    it("draws the sweep bar against the matched count", () => {
        const { io, text } = fakeIo(true);
        const display = sweepProgress(io);
        display.update({ kind: "page", listed: 10, matched: 3 });
        display.update({ kind: "item", completed: 1, matched: 3, item: { name: "projects/p/locations/l/operations/a", outcome: "CANCELLED", cancelSent: true, cancel: "sent" } });
        display.update({ kind: "page", listed: 20, matched: 5 });
        display.stop();
        expect(text()).toContain("sweep [");
        // The total follows the matched count as pages arrive (the bar redraws at most 5 times a second, so
        // only the last state is certain to be drawn); the value counts completed items.
        expect(text()).toMatch(/\b1\/5 \| listed 20 \|/);
        expect(text()).toContain("\u001b[?25h");
    });

    it("writes plain lines without control sequences when stderr is not a terminal", () => {
        const { io, text } = fakeIo(false);
        const wait = waitProgress(io, "cancel", 60_000);
        wait.update(running);
        const sweep = sweepProgress(io);
        sweep.update({ kind: "page", listed: 10, matched: 3 });
        sweep.update({ kind: "item", completed: 1, matched: 3, item: { name: "projects/p/locations/l/operations/bad", outcome: "ERROR", cancelSent: false, cancel: "not-sent", error: { message: "cancel failed: HTTP 403 PERMISSION_DENIED: denied. Grant a role", httpStatus: 403, status: "PERMISSION_DENIED" } } });
        // The failure's advice is in the result (the ERROR column), not repeated in the progress line.
        expect(text()).toBe(
            "cancel: projects/p/locations/l/operations/o: still running after 1.2s (rendering)\n" +
                "sweep: listed 10, matched 3\n" +
                "sweep: ERROR projects/p/locations/l/operations/bad (HTTP 403 PERMISSION_DENIED)\n",
        );
    });

    it("a wait's plain line shows the operation's own status text only, never a made-up one", () => {
        const { io, text } = fakeIo(false);
        const wait = waitProgress(io, "cancel", 60_000);
        const name = "projects/p/locations/l/operations/o";
        wait.update({ name, operation: { name }, elapsedMs: 0, polls: 1 });
        wait.update({ name, operation: { name, done: true }, elapsedMs: 5, polls: 2 });
        expect(text()).toBe(`cancel: ${name}: still running after 0ms\ncancel: ${name}: done after 5ms\n`);
    });

    it("a sweep's plain lines: the page first, nothing per item of a dry run, then at most a line every 2 s", () => {
        const { io, text } = fakeIo(false);
        let now = 1_000_000;
        const sweep = sweepProgress(io, { now: () => now });
        const item = (id: string, outcome: "SKIPPED" | "CANCELLED") => ({ name: `projects/p/locations/l/operations/${id}`, outcome, cancelSent: outcome === "CANCELLED", cancel: outcome === "CANCELLED" ? ("sent" as const) : ("not-sent" as const) });
        // A dry run's items come before its page event: none of them is shown.
        sweep.update({ kind: "item", completed: 1, matched: 1, item: item("a", "SKIPPED") });
        sweep.update({ kind: "item", completed: 2, matched: 2, item: item("b", "SKIPPED") });
        sweep.update({ kind: "page", listed: 8, matched: 2 });
        // A real sweep's first item, at once: not shown (no line in the first 2 s); one 2 s later is.
        sweep.update({ kind: "item", completed: 1, matched: 2, item: item("c", "CANCELLED") });
        now += 2_000;
        sweep.update({ kind: "item", completed: 2, matched: 2, item: item("d", "CANCELLED") });
        expect(text()).toBe("sweep: listed 8, matched 2\nsweep: 2 of 2 handled (last: projects/p/locations/l/operations/d CANCELLED)\n");
        expect(text()).not.toContain("SKIPPED");
    });

    it("the sweep bar shows a dry run's items as 'would cancel'", () => {
        const { io, text } = fakeIo(true);
        const sweep = sweepProgress(io, { dryRun: true });
        sweep.update({ kind: "page", listed: 8, matched: 1 });
        sweep.update({ kind: "item", completed: 1, matched: 1, item: { name: "projects/p/locations/l/operations/a", outcome: "SKIPPED", cancelSent: false, cancel: "not-sent" } });
        sweep.stop();
        expect(text()).toContain("would cancel a");
        expect(text()).not.toContain("SKIPPED");
    });
});
