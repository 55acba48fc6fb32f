/**
 * The retry module's edges: the largest timer Node can set, a gate closed for a number that is not one,
 * a sleep that is aborted leaves no timer behind, the length caps of Retry-After and Duration, and the
 * source text of a Retry-After delay.
 */
import { SharedBackoff, parseProtoDuration, parseRetryAfter, serverRetryDelay, sleep } from "../../provider/google/retry";

const MAX_TIMER_MS = 2 ** 31 - 1;

function activeTimers(): number {
    return process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
}

describe("sleep", () => {
    test("a sleep longer than Node's largest timer is capped to it, not fired at once (which Node does past the cap)", async () => {
        const controller = new AbortController();
        const outcome = Promise.race([sleep(2 ** 40, controller.signal).then(() => "slept"), new Promise((resolve) => setTimeout(resolve, 50, "still sleeping"))]);
        expect(await outcome).toBe("still sleeping");
        controller.abort(new Error("done waiting"));
    });

    test("a positive sleep waits: a shorter timer set after it fires first", async () => {
        const order: string[] = [];
        await Promise.all([sleep(100).then(() => order.push("sleep 100")), new Promise((resolve) => setTimeout(resolve, 20)).then(() => order.push("timer 20"))]);
        expect(order).toEqual(["timer 20", "sleep 100"]);
    });

    test("an aborted sleep leaves no timer running", async () => {
        const before = activeTimers();
        const controller = new AbortController();
        const sleeping = sleep(5_000, controller.signal);
        expect(activeTimers()).toBe(before + 1);
        controller.abort(new Error("stop"));
        await expect(sleeping).rejects.toThrow("stop");
        expect(activeTimers()).toBe(before);
    });
});

describe("SharedBackoff", () => {
    test.each([NaN, 0, -5])("closing the gate for %p leaves it open", (ms) => {
        const gate = new SharedBackoff();
        gate.closeFor(ms);
        expect(gate.remaining()).toBe(0);
    });

    test("closing the gate for longer than Node's largest timer closes it for that long at most", () => {
        const gate = new SharedBackoff();
        gate.closeFor(2 ** 40);
        expect(gate.remaining()).toBeGreaterThan(MAX_TIMER_MS - 60_000);
        expect(gate.remaining()).toBeLessThanOrEqual(MAX_TIMER_MS);
    });
});

describe("length caps", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const date = "Thu, 01 Jan 2026 00:00:10 GMT";
    /** The same date with spaces inside, `length` characters in all (HTTP dates tolerate the extra spaces). */
    const padded = (length: number) => date.replace(" GMT", `${" ".repeat(length - date.length + 1)}GMT`);

    test("a Retry-After date of 100 characters is read; of 101 it is not", () => {
        expect(padded(100)).toHaveLength(100);
        expect(parseRetryAfter(padded(100), now)).toBe(10_000);
        expect(parseRetryAfter(padded(101), now)).toBeUndefined();
    });

    test("a Duration of 100 characters is read; of 101 it is not", () => {
        const hundred = `${"0".repeat(98)}2s`;
        expect(parseProtoDuration(hundred)).toBe(2000);
        expect(parseProtoDuration(`0${hundred}`)).toBeUndefined();
    });

    test("a Retry-After delay's source shows the header trimmed", () => {
        expect(serverRetryDelay([], "  7  ")).toEqual({ ms: 7000, source: "Retry-After: 7" });
    });
});
