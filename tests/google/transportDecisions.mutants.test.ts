/**
 * The transport's decisions that run 14 of the mutation run (docs/mutation.md) showed no test pinned: the
 * headers of every request, which failures close the client's shared gate, when a server-asked delay is
 * refused and how the refusal reads, the words and retries of each timeout, network failures by their
 * code, aborts at each point, bodies over the limit as they stream, redirects with long Locations, bearer
 * values redacted from the caller's own credential source, and no timer or listener left behind.
 */
import { getEventListeners } from "node:events";
import { createServer } from "node:net";
import type { Dispatcher } from "undici";
import {
    AbortedError,
    CredentialsError,
    DeadlineExceededError,
    GoogleApiError,
    InvalidResponseError,
    NetworkError,
    SharedBackoff,
    type CredentialSource,
} from "../../provider/google";
import { Transport, type CallSpec } from "../../provider/google/transport";
import { answer, answerJson, endlessBody } from "../hostile/server";
import { failure } from "../hostile/support";
import { TRANSPORT_OPERATION as NAME, getOperationSpec as get, testTransport, useAgentAndHostileServer, type TestTransportOptions } from "../support/transportUnderTest";

const RUNNING = { name: NAME, done: false };
const unavailable = { error: { code: 503, status: "UNAVAILABLE", message: "try later" } };
const exhausted = { error: { code: 429, status: "RESOURCE_EXHAUSTED", message: "slow down" } };

interface Setup extends TestTransportOptions {
    dispatcher?: Dispatcher;
}

const { agent, serve } = useAgentAndHostileServer();

/** A transport with the given retry policy; by default one attempt, its delays fixed at the ceiling (random 1). */
function transport({ dispatcher, ...options }: Setup = {}): Transport {
    return testTransport(() => dispatcher ?? agent(), { random: () => 1, ...options });
}

const within = (spec: CallSpec, ms: number): CallSpec => ({ ...spec, deadline: Date.now() + ms });
const hostPort = (url: string) => new URL(url).host;
const hanging: CredentialSource = { kind: "access-token", requestHeaders: () => new Promise<Record<string, string>>(() => undefined) };

describe("what every request carries", () => {
    test("accept: application/json on every request; content-type only on one with a body", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const t = transport();
        await t.call(get(url));
        await t.call({ ...get(url), httpMethod: "POST", url: `${url}/v1/${NAME}:cancel`, method: "cancel", body: "{}" });
        expect(requests.map((r) => [r.method, r.headers.accept, r.headers["content-type"]])).toEqual([
            ["GET", "application/json", undefined],
            ["POST", "application/json", "application/json"],
        ]);
    });

    test("a success body of only white space is an empty answer, not a refusal", async () => {
        const { url } = await serve((socket) => answer(socket, 200, " \n\t "));
        await expect(transport().call(get(url))).resolves.toEqual({ json: undefined, attempts: 1 });
    });
});

describe("the client's shared gate", () => {
    /** The shared gate's closings during a call whose first answer is `status`, retried after 100 ms. */
    async function gateClosingsWhileRetrying(status: number, body: unknown): Promise<number[][]> {
        const { url } = await serve((socket, request) => (request.index > 1 ? answerJson(socket, 200, RUNNING) : answerJson(socket, status, body)));
        const backoff = new SharedBackoff();
        const closeFor = jest.spyOn(backoff, "closeFor");
        await expect(transport({ backoff, retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 100 } }).call(get(url))).resolves.toMatchObject({ attempts: 2 });
        return closeFor.mock.calls;
    }

    test("a 429 closes it for the retry's delay", async () => {
        expect(await gateClosingsWhileRetrying(429, exhausted)).toEqual([[100]]);
    });

    test("a 503 leaves it open: only the call that failed waits", async () => {
        expect(await gateClosingsWhileRetrying(503, unavailable)).toEqual([]);
    });

    test("a call that cannot outwait a closed gate is not sent, and says how long the gate holds and how little time is left", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const backoff = new SharedBackoff();
        backoff.closeFor(30_000);
        const { error } = await failure(() => transport({ backoff }).call(within(get(url), 1_000)));
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect((error as DeadlineExceededError).callDeadline).toBe(true);
        expect(error.message).toMatch(
            new RegExp(
                `^get ${NAME} was not sent: the server answered 429 \\(asked this client to slow down\\), so every request of the client waits (29\\.\\d|30\\.0)s more, ` +
                    `longer than the (0\\.\\d|1\\.0)s left before this call's deadline\\. Try again later, lower concurrency, or request more quota$`,
            ),
        );
        expect(requests).toHaveLength(0);
    });
});

describe("a delay the server asks for", () => {
    test("longer than the cap, though within the deadline: refused at once, naming the cap", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 503, unavailable, { "retry-after": "2" }));
        const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, maxServerDelayMs: 300 } });
        const { error } = await failure(() => t.call(within(get(url), 10_000)));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.message).toMatch(/\. The server asked to wait 2\.0s before retrying \(Retry-After: 2\), more than the 300ms this client waits at most: not retried$/);
        expect(requests).toHaveLength(1);
    });

    test("equal to the cap but past the deadline: refused, naming the time left, not the cap", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 503, unavailable, { "retry-after": "2" }));
        const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, maxServerDelayMs: 2_000 } });
        const { error } = await failure(() => t.call(within(get(url), 1_500)));
        expect(error.message).toMatch(/\. The server asked to wait 2\.0s before retrying \(Retry-After: 2\), more than the (1\.\d|[1-9]\d\dms)s? left before the call's deadline: not retried$/);
        expect(requests).toHaveLength(1);
    });
});

describe("timeouts, each in its own words", () => {
    test("an attempt's own timeout: retried, then named with the attempt, not blamed on the call's deadline", async () => {
        const { url, requests } = await serve(() => undefined);
        const t = transport({ requestTimeoutMs: 300, retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 } });
        const { error } = await failure(() => t.call(within(get(url), 60_000)));
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect((error as DeadlineExceededError).callDeadline).toBe(false);
        expect(error.message).toBe(
            `get ${NAME}: ${hostPort(url)} did not answer within 300ms (attempt 2). Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting`,
        );
        expect(requests).toHaveLength(2);
    });

    test("an attempt cut short by the call's deadline says so, and suggests more time", async () => {
        const { url } = await serve(() => undefined);
        const { error } = await failure(() => transport().call(within(get(url), 400)));
        expect((error as DeadlineExceededError).callDeadline).toBe(true);
        expect(error.message).toMatch(
            new RegExp(
                `^get ${NAME}: ${hostPort(url)} did not answer within \\d+ms \\(attempt 1, cut short by the call's deadline\\)\\. ` +
                    "Check the network path to Google \\(proxy settings HTTPS_PROXY/NO_PROXY\\) or the endpoint setting, or allow more time$",
            ),
        );
    });

    test("credentials that give no token in an attempt's time: retried, nothing sent, the token service named", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const t = transport({ credentials: hanging, requestTimeoutMs: 200, retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 } });
        const { error } = await failure(() => t.call(within(get(url), 60_000)));
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect((error as DeadlineExceededError).callDeadline).toBe(false);
        expect(error.message).toBe(
            `get ${NAME}: the access-token credentials gave no token within 200ms (attempt 2); nothing was sent. ` +
                "Check the network path to Google's token service (proxy settings HTTPS_PROXY/NO_PROXY) or the credentials settings",
        );
        expect(requests).toHaveLength(0);
    });

    test("credentials still waited on when the call's deadline comes: the call's deadline ended it", async () => {
        const { url } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const { error } = await failure(() => transport({ credentials: hanging }).call(within(get(url), 300)));
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect((error as DeadlineExceededError).callDeadline).toBe(true);
    });
});

describe("network failures by their code", () => {
    test("a refused connection names its code", async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
        const port = (closed.address() as { port: number }).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        const { error } = await failure(() => transport().call(get(`http://127.0.0.1:${port}`)));
        expect(error).toBeInstanceOf(NetworkError);
        expect(error.message).toMatch(new RegExp(`^get ${NAME}: could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED: `));
    });

    /** A dispatcher that fails every dispatch with `thrown`, counting them. */
    const failingDispatcher = (thrown: Error) => {
        const counter = { calls: 0 };
        const dispatcher = {
            dispatch() {
                counter.calls++;
                throw thrown;
            },
        } as unknown as Dispatcher;
        return { dispatcher, counter };
    };

    test("a failure without a code is a network error, retried, its message whole", async () => {
        const { dispatcher, counter } = failingDispatcher(new Error("the line went quiet"));
        const t = transport({ dispatcher, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } });
        const { error } = await failure(() => t.call(get("http://127.0.0.1:9")));
        expect(error).toBeInstanceOf(NetworkError);
        expect(error.message).toBe(
            `get ${NAME}: could not reach 127.0.0.1:9 (network error: the line went quiet). Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting`,
        );
        expect(counter.calls).toBe(3);
    });

    test("a failure whose code is not a network one is not retried", async () => {
        const { dispatcher, counter } = failingDispatcher(Object.assign(new Error("invalid header value"), { code: "ERR_INVALID_ARG_VALUE" }));
        const t = transport({ dispatcher, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } });
        const { error } = await failure(() => t.call(get("http://127.0.0.1:9")));
        expect(error.message).toMatch(/\(ERR_INVALID_ARG_VALUE: invalid header value\)/);
        expect(counter.calls).toBe(1);
    });
});

describe("aborts", () => {
    test("an abort while the server is silent ends the call at once, with the signal's reason as its cause", async () => {
        const { url } = await serve(() => undefined);
        const controller = new AbortController();
        const reason = new Error("interrupted mid-request");
        setTimeout(() => controller.abort(reason), 100);
        const { error, elapsedMs } = await failure(() => transport().call(get(url, controller.signal)));
        expect(error).toBeInstanceOf(AbortedError);
        expect(error.message).toBe(`get ${NAME} was aborted`);
        expect(error.cause).toBe(reason);
        expect(elapsedMs).toBeLessThan(5_000);
    });

    test("a signal aborted before the call sends nothing", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, {}));
        const reason = new Error("interrupted before the call");
        const { error } = await failure(() => transport().call(get(url, AbortSignal.abort(reason))));
        expect(error).toBeInstanceOf(AbortedError);
        expect(error.message).toBe(`get ${NAME} was aborted`);
        expect(error.cause).toBe(reason);
        expect(requests).toHaveLength(0);
    });

    test("an abort while waiting to retry ends the call at once, with the signal's reason as its cause", async () => {
        const controller = new AbortController();
        const reason = new Error("interrupted between attempts");
        // Aborted once the 503 is written, so the abort finds the call waiting 20 s to retry.
        const { url, requests } = await serve((socket) => {
            answerJson(socket, 503, unavailable);
            setTimeout(() => controller.abort(reason), 100);
        });
        const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 20_000, maxDelayMs: 20_000 } });
        const { error, elapsedMs } = await failure(() => t.call(get(url, controller.signal)));
        expect(error).toBeInstanceOf(AbortedError);
        expect(error.message).toBe(`get ${NAME} was aborted`);
        expect(error.cause).toBe(reason);
        expect(elapsedMs).toBeLessThan(5_000);
        expect(requests).toHaveLength(1);
    });
});

describe("answers refused as they arrive", () => {
    test("a body that grows past the limit is cut, named in the unit that reads best, and not asked for again", async () => {
        const { url, requests } = await serve((socket) => endlessBody(socket, 512, 5));
        const t = transport({ maxResponseBytes: 1024, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } });
        const { error } = await failure(() => t.call(get(url)));
        expect(error).toBeInstanceOf(InvalidResponseError);
        expect(error.message).toBe(
            `get ${NAME}: ${hostPort(url)} answered HTTP 200 with a body larger than 1 KiB, over the limit of 1 KiB per response; it was not read. ` +
                "Check that endpoint points at a Google API (or the emulator), or lower pageSize",
        );
        expect(requests).toHaveLength(1);
    });

    test("a redirect's Location is quoted cut to 200 characters", async () => {
        const location = `https://elsewhere.example/${"a".repeat(300)}`;
        const { url } = await serve((socket) => answer(socket, 302, "", { location }));
        const { error } = await failure(() => transport().call(get(url)));
        expect((error as GoogleApiError).googleMessage).toBe(`redirect to ${JSON.stringify(location.slice(0, 200))}`);
    });
});

describe("the caller's own credential source", () => {
    test("the bearer value it sends is redacted from what the server echoes, also after it changes the same headers object", async () => {
        const headers: Record<string, string> = { authorization: "Bearer opaque-first-7d1f2a9c4b" };
        const source: CredentialSource = { kind: "access-token", requestHeaders: async () => headers };
        const { url } = await serve((socket, request) =>
            answerJson(socket, 403, { error: { code: 403, status: "PERMISSION_DENIED", message: `the credential ${request.headers.authorization.slice(7)} may not do this` } }),
        );
        const t = transport({ credentials: source });
        const first = await failure(() => t.call(get(url)));
        expect((first.error as GoogleApiError).googleMessage).toBe("the credential [redacted] may not do this");
        headers.authorization = "Bearer opaque-second-5e8b0c3d6a";
        const second = await failure(() => t.call(get(url)));
        expect((second.error as GoogleApiError).googleMessage).toBe("the credential [redacted] may not do this");
    });

    test("a readyHeaders that throws is the source's failure: nothing sent, not retried, not called a network error", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        let asked = 0;
        const source: CredentialSource = {
            kind: "access-token",
            requestHeaders: async () => ({ authorization: "Bearer never-used-token" }),
            readyHeaders: () => {
                asked++;
                throw null; // a caller's object may throw anything
            },
        };
        const { error } = await failure(() => transport({ credentials: source, retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 } }).call(get(url)));
        expect(error).toBeInstanceOf(CredentialsError);
        expect(error.message).toBe("The access-token credential source gave no token (null); nothing was sent. Check the object given as credentials");
        expect(asked).toBe(1);
        expect(requests).toHaveLength(0);
    });
});

describe("nothing left behind by the wait for credentials", () => {
    // The wait's timer is unref'd, so process.getActiveResourcesInfo() does not list it: jest's fake timers count it.
    beforeEach(() => {
        jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    });
    afterEach(() => {
        jest.useRealTimers();
    });

    test("credentials that fail: no timer left running", async () => {
        const source: CredentialSource = { kind: "access-token", requestHeaders: () => Promise.reject(new Error("no token today")) };
        const { error } = await failure(() => transport({ credentials: source, requestTimeoutMs: 60_000 }).call(get("http://127.0.0.1:9")));
        expect(error).toBeInstanceOf(CredentialsError);
        expect(jest.getTimerCount()).toBe(0);
    });

    test("an abort while credentials are awaited: no timer left running, no listener left on the signal", async () => {
        const controller = new AbortController();
        const call = failure(() => transport({ credentials: hanging, requestTimeoutMs: 60_000 }).call(get("http://127.0.0.1:9", controller.signal)));
        for (let hops = 0; hops < 50 && jest.getTimerCount() === 0; hops++) await Promise.resolve();
        expect(jest.getTimerCount()).toBe(1);
        controller.abort(new Error("stop"));
        const { error } = await call;
        expect(error).toBeInstanceOf(AbortedError);
        expect(jest.getTimerCount()).toBe(0);
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    });
});

describe("at the exact millisecond (Date.now held still)", () => {
    const T0 = 1_750_000_000_000;
    beforeEach(() => {
        jest.spyOn(Date, "now").mockReturnValue(T0);
    });
    afterEach(() => {
        jest.restoreAllMocks();
    });

    test("a deadline that is now: no attempt is made", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const { error } = await failure(() => transport().call({ ...get(url), deadline: T0 }));
        expect(error.message).toBe(`get ${NAME}: the deadline passed after 0 attempt(s) without an answer`);
        expect(requests).toHaveLength(0);
    });

    test("a gate that opens exactly at the deadline: not sent", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 200, RUNNING));
        const backoff = new SharedBackoff();
        backoff.closeFor(1_000);
        const { error } = await failure(() => transport({ backoff }).call({ ...get(url), deadline: T0 + 1_000 }));
        expect(error.message).toMatch(/was not sent: the server answered 429 .* waits 1\.0s more, longer than the 1\.0s left before this call's deadline/);
        expect(requests).toHaveLength(0);
    });

    test("a server-asked delay that ends exactly at the deadline: refused with the note", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 503, unavailable, { "retry-after": "2" }));
        const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10, maxServerDelayMs: 60_000 } });
        const { error } = await failure(() => t.call({ ...get(url), deadline: T0 + 2_000 }));
        expect(error.message).toMatch(/\. The server asked to wait 2\.0s before retrying \(Retry-After: 2\), more than the 2\.0s left before the call's deadline: not retried$/);
        expect(requests).toHaveLength(1);
    });

    test("a backoff that ends exactly at the deadline: the last failure, no second attempt", async () => {
        const { url, requests } = await serve((socket) => answerJson(socket, 503, unavailable));
        const t = transport({ retry: { maxAttempts: 3, initialDelayMs: 1_000, maxDelayMs: 1_000 } });
        const { error } = await failure(() => t.call({ ...get(url), deadline: T0 + 1_000 }));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect((error as GoogleApiError).httpStatus).toBe(503);
        expect(requests).toHaveLength(1);
    });
});
