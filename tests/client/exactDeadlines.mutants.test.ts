/**
 * The wait and the listing at their deadlines exactly, to the millisecond: the clock (`Date.now`) is held
 * still or moved by the test, and a client gate held closed (as after a 429) makes a call fail at once with
 * the call's own deadline error, without sending anything. Each boundary is the one the code draws:
 * - a wait with no time left returns its last state without a request, even with its signal aborted;
 * - a poll cut by the wait's own deadline (a budget of 60 s or less, 60 s included) ends the wait with the
 *   last state seen, while a poll that had its full 60 s and more of the wait left fails the wait;
 * - once the time left is the last poll's reserve, exactly, the wait lasts it out without another poll;
 * - a page cut by the call's deadline when the listing's time left equals the page timeout is the listing's
 *   deadline.
 */
import { DeadlineExceededError, OperationsClient, SharedBackoff } from "../../provider/google";
import { answerJson, hostileServer, type HostileServer } from "../hostile/server";
import { rejectionOf } from "../support/outcome";
import { OP, PARENT, TOKEN } from "../hostile/support";

const T0 = 1_750_000_000_000;
let now = T0;
let server: HostileServer;

beforeEach(async () => {
    now = T0;
    jest.spyOn(Date, "now").mockImplementation(() => now);
    server = await hostileServer((socket) => answerJson(socket, 200, { name: OP, done: false }));
});
afterEach(async () => {
    jest.restoreAllMocks();
    await server.close();
});

/** A client of the hostile server; with `gateClosed`, its backoff gate is held closed for 10 minutes. */
function client(gateClosed: boolean): OperationsClient {
    const backoff = new SharedBackoff();
    if (gateClosed) backoff.closeFor(600_000);
    return new OperationsClient({
        service: "clouddeploy",
        endpoint: server.url,
        credentials: { accessToken: TOKEN },
        backoff,
        retry: { maxAttempts: 1 },
        poll: { initialDelayMs: 20, maxDelayMs: 100 },
    });
}

const GATE_REFUSAL = (method: string, resource: string, left: string) =>
    `${method} ${resource} was not sent: the server answered 429 (asked this client to slow down), so every request of the client waits 10m00s more, ` +
    `longer than the ${left} left before this call's deadline. Try again later, lower concurrency, or request more quota`;

test("a wait with no time left returns its last state without a request, even with its signal aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    const c = client(false);
    await expect(c.waitForOperation(OP, { timeoutMs: 0, signal: controller.signal })).resolves.toEqual({ operation: { name: OP }, done: false, notFound: false, polls: 0, elapsedMs: 0 });
    expect(c.requestCount).toBe(0);
    expect(server.requests).toHaveLength(0);
});

test("a poll cut by the wait's own deadline of exactly 60 s ends the wait with the last state seen", async () => {
    const c = client(true);
    await expect(c.waitForOperation(OP, { timeoutMs: 60_000 })).resolves.toEqual({ operation: { name: OP }, done: false, notFound: false, polls: 0, elapsedMs: 0 });
    expect(server.requests).toHaveLength(0);
});

test("a poll that fails by its own 60 s with more of the wait left fails the wait", async () => {
    const c = client(true);
    const failed = await rejectionOf(c.waitForOperation(OP, { timeoutMs: 120_000 }));
    expect(failed).toBeInstanceOf(DeadlineExceededError);
    expect((failed as DeadlineExceededError).message).toBe(GATE_REFUSAL("get", OP, "1m00s"));
    expect(server.requests).toHaveLength(0);
});

test("when the time left is the last poll's reserve exactly, the wait lasts it out without another poll", async () => {
    const c = client(false);
    const polledAt: number[] = [];
    // A 40 s wait keeps 1 s for its last poll: the first poll "takes" 39 s (the 1 s left is slept for real).
    const result = await c.waitForOperation(OP, {
        timeoutMs: 40_000,
        onPoll: () => {
            polledAt.push(now - T0);
            now = polledAt.length === 1 ? T0 + 39_000 : T0 + 40_000;
        },
    });
    expect(result).toEqual({ operation: { name: OP, done: false }, done: false, notFound: false, polls: 1, elapsedMs: 39_000 });
    expect(polledAt).toEqual([0]);
    expect(server.requests).toHaveLength(1);
});

test("a page cut by the call's deadline when the listing's time left equals the page timeout is the listing's deadline", async () => {
    const c = client(true);
    const pages = c.listOperationPages(PARENT, { timeoutMs: 5_000, pageTimeoutMs: 5_000 });
    const failed = await rejectionOf(pages.next());
    expect(failed).toBeInstanceOf(DeadlineExceededError);
    const error = failed as DeadlineExceededError;
    expect(error.message).toBe(`list ${PARENT}: the listing's deadline of 5.0s passed after 0 page(s), while page 1 was read; the rest was not listed`);
    expect({ callDeadline: error.callDeadline, listingDeadline: error.listingDeadline }).toEqual({ callDeadline: true, listingDeadline: true });
    expect((error.cause as Error).message).toBe(GATE_REFUSAL("list", PARENT, "5.0s"));
    expect(server.requests).toHaveLength(0);
});

test("a listing whose deadline comes exactly between two pages stops there, after the first page", async () => {
    const lister = await hostileServer((socket) => answerJson(socket, 200, { operations: [{ name: OP, done: false }], nextPageToken: "page-2" }));
    try {
        const c = new OperationsClient({ service: "clouddeploy", endpoint: lister.url, credentials: { accessToken: TOKEN }, retry: { maxAttempts: 1 } });
        const pages = c.listOperationPages(PARENT, { timeoutMs: 5_000 });
        await expect(pages.next()).resolves.toMatchObject({ done: false });
        now = T0 + 5_000;
        const failed = await rejectionOf(pages.next());
        expect(failed).toBeInstanceOf(DeadlineExceededError);
        expect((failed as DeadlineExceededError).message).toBe(`list ${PARENT}: the listing's deadline of 5.0s passed after 1 page(s); the rest was not listed`);
        expect(lister.requests).toHaveLength(1);
    } finally {
        await lister.close();
    }
});
