/**
 * Edges of the retry helpers: a sleep of no time is over at once (an abort right after it does not fail it,
 * and it never listens to the signal); a sleep ended by an abort stops listening to the signal (which may
 * live as long as the process); a `Retry-After` quoted as the server delay's source is cut to 40 characters,
 * however long the number the server wrote.
 */
import { getEventListeners } from "node:events";
import { serverRetryDelay, sleep } from "../../provider/google/retry";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

test.each([0, -5, Number.NaN])("a sleep of %p ms is over at once: an abort right after it does not fail it", async (ms) => {
    const controller = new AbortController();
    const slept = sleep(ms, controller.signal);
    expect(listeners(controller.signal)).toBe(0);
    controller.abort(new Error("too late"));
    await expect(slept).resolves.toBeUndefined();
});

test("a sleep ended by an abort rejects with its reason and stops listening to the signal", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const slept = sleep(60_000, controller.signal);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(listeners(controller.signal)).toBe(0);
});

test("a long Retry-After is quoted as the source cut to 40 characters", () => {
    const header = `  ${"0".repeat(29)}2.${"0".repeat(30)}  `;
    expect(serverRetryDelay([], header)).toEqual({ ms: 2_000, source: `Retry-After: ${"0".repeat(29)}2.${"0".repeat(9)}` });
});
