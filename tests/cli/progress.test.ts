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
        display.stop();
        expect(text()).toContain("sweep [");
        expect(text()).toContain("\u001b[?25h");
    });

    it("writes plain lines without control sequences when stderr is not a terminal", () => {
        const { io, text } = fakeIo(false);
        const wait = waitProgress(io, "cancel", 60_000);
        wait.update(running);
        const sweep = sweepProgress(io);
        sweep.update({ kind: "page", listed: 10, matched: 3 });
        sweep.update({ kind: "item", completed: 1, matched: 3, item: { name: "projects/p/locations/l/operations/bad", outcome: "ERROR", cancelSent: false, cancel: "not-sent", error: { message: "HTTP 403" } } });
        expect(text()).toBe(
            "cancel: projects/p/locations/l/operations/o: still running after 1.2s (rendering)\n" +
                "sweep: listed 10, matched 3\n" +
                "sweep: ERROR projects/p/locations/l/operations/bad: HTTP 403\n",
        );
    });
});
