/**
 * Per-request overhead of the transport (issue 10, finding 3): the dispatcher is decided once per
 * transport, and each attempt's timeout timer is cleared when the attempt ends.
 */
import { Agent, type Dispatcher } from "undici";
import { AccessTokenSource, DeadlineExceededError, SharedBackoff, type CredentialSource } from "../../provider/google";
import { retryOptions } from "../../provider/google/retry";
import { Transport, type CallSpec } from "../../provider/google/transport";
import { useEmulatorPerTest } from "../support/emulator";

const NAME = "projects/proj-one/locations/us-central1/operations/op-1";
/** A value no other timer of the process uses, to find the transport's attempt timers. */
const REQUEST_TIMEOUT_MS = 12_345;

/** Credentials that answer only asynchronously (as a token fetched by google-auth-library does). */
const ASYNC_CREDENTIALS: CredentialSource = { kind: "access-token", requestHeaders: async () => ({ authorization: "Bearer emulator-token" }) };

function transport(dispatcher: () => Dispatcher, requestTimeoutMs = REQUEST_TIMEOUT_MS, credentials: CredentialSource = ASYNC_CREDENTIALS): Transport {
    return new Transport({
        credentials,
        dispatcher,
        requestTimeoutMs,
        maxResponseBytes: 1 << 20,
        retry: retryOptions({ maxAttempts: 1 }),
        backoff: new SharedBackoff(),
        userAgent: "overhead-test",
    });
}

const get = (url: string): CallSpec => ({ httpMethod: "GET", url: `${url}/v1/${NAME}`, method: "get", resource: NAME, deadline: Date.now() + 60_000 });

describe("transport overhead", () => {
    const { emu, url } = useEmulatorPerTest();
    let agent: Agent;
    beforeEach(() => {
        agent = new Agent();
        emu().add({ name: NAME });
    });
    afterEach(async () => {
        jest.restoreAllMocks();
        await agent.close();
    });

    test("the dispatcher is asked for once, however many requests follow", async () => {
        let asked = 0;
        const t = transport(() => {
            asked++;
            return agent;
        });
        for (let i = 0; i < 5; i++) await t.call(get(url()));
        expect(emu().count({ rpc: "get" })).toBe(5);
        expect(asked).toBe(1);
    });

    /** Counts the timers of requestTimeoutMs armed and cleared while `run` goes. */
    async function timersDuring(run: () => Promise<void>): Promise<{ armed: unknown[]; cleared: Set<unknown> }> {
        const armed: unknown[] = [];
        const cleared = new Set<unknown>();
        const realSet = global.setTimeout;
        const realClear = global.clearTimeout;
        jest.spyOn(global, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
            const handle = realSet(fn, ms);
            // An exchange after a credentials wait gets what is left of the attempt: a few ms under requestTimeoutMs.
            if (ms !== undefined && ms > REQUEST_TIMEOUT_MS - 1_000 && ms <= REQUEST_TIMEOUT_MS) armed.push(handle);
            return handle;
        }) as typeof setTimeout);
        jest.spyOn(global, "clearTimeout").mockImplementation(((handle?: NodeJS.Timeout) => {
            cleared.add(handle);
            realClear(handle);
        }) as typeof clearTimeout);
        await run();
        jest.restoreAllMocks();
        return { armed, cleared };
    }

    test("with a fixed token, each attempt arms one timer of requestTimeoutMs and clears it when the answer is read", async () => {
        const t = transport(() => agent, REQUEST_TIMEOUT_MS, new AccessTokenSource("emulator-token"));
        const { armed, cleared } = await timersDuring(async () => {
            for (let i = 0; i < 3; i++) await t.call(get(url()));
        });
        expect(emu().count({ rpc: "get" })).toBe(3);
        expect(armed).toHaveLength(3);
        expect(armed.every((h) => cleared.has(h))).toBe(true);
    });

    test("with credentials that answer later, the wait for them is bounded by a second timer, cleared as well", async () => {
        const t = transport(() => agent);
        const { armed, cleared } = await timersDuring(async () => {
            for (let i = 0; i < 3; i++) await t.call(get(url()));
        });
        expect(emu().count({ rpc: "get" })).toBe(3);
        expect(armed).toHaveLength(6);
        expect(armed.every((h) => cleared.has(h))).toBe(true);
    });

    test("credentials that never answer fail the attempt at requestTimeoutMs, and nothing is sent", async () => {
        const t = transport(() => agent, 300, { kind: "access-token", requestHeaders: () => new Promise<Record<string, string>>(() => undefined) });
        const started = Date.now();
        await expect(t.call(get(url()))).rejects.toThrow(/the access-token credentials gave no token within 300ms \(attempt 1\); nothing was sent/);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("an attempt still ends at requestTimeoutMs when the server does not answer", async () => {
        emu().injectFault({ fault: { kind: "hang" } });
        const t = transport(() => agent, 300);
        const started = Date.now();
        await expect(t.call(get(url()))).rejects.toBeInstanceOf(DeadlineExceededError);
        expect(Date.now() - started).toBeLessThan(5_000);
    });
});
