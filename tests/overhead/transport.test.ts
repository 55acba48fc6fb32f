/**
 * Per-request overhead of the transport (issue 10, finding 3): the dispatcher is decided once per
 * transport, and each attempt's timeout timer is cleared when the attempt ends.
 */
import { Agent } from "undici";
import { AccessTokenSource, DeadlineExceededError } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";
import { TRANSPORT_OPERATION as NAME, getOperationSpec as get, testTransport } from "../support/transportUnderTest";

/** A value no other timer of the process uses, to find the transport's attempt timers. */
const REQUEST_TIMEOUT_MS = 12_345;

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
        const t = testTransport(() => {
            asked++;
            return agent;
        }, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
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
        const t = testTransport(() => agent, { requestTimeoutMs: REQUEST_TIMEOUT_MS, credentials: new AccessTokenSource("emulator-token") });
        const { armed, cleared } = await timersDuring(async () => {
            for (let i = 0; i < 3; i++) await t.call(get(url()));
        });
        expect(emu().count({ rpc: "get" })).toBe(3);
        expect(armed).toHaveLength(3);
        expect(armed.every((h) => cleared.has(h))).toBe(true);
    });

    test("with credentials that answer later, the wait for them is bounded by a second timer, cleared as well", async () => {
        const t = testTransport(() => agent, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
        const { armed, cleared } = await timersDuring(async () => {
            for (let i = 0; i < 3; i++) await t.call(get(url()));
        });
        expect(emu().count({ rpc: "get" })).toBe(3);
        expect(armed).toHaveLength(6);
        expect(armed.every((h) => cleared.has(h))).toBe(true);
    });

    test("credentials that never answer fail the attempt at requestTimeoutMs, and nothing is sent", async () => {
        const t = testTransport(() => agent, { requestTimeoutMs: 300, credentials: { kind: "access-token", requestHeaders: () => new Promise<Record<string, string>>(() => undefined) } });
        const started = Date.now();
        await expect(t.call(get(url()))).rejects.toThrow(/the access-token credentials gave no token within 300ms \(attempt 1\); nothing was sent/);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("an attempt still ends at requestTimeoutMs when the server does not answer", async () => {
        emu().injectFault({ fault: { kind: "hang" } });
        const t = testTransport(() => agent, { requestTimeoutMs: 300 });
        const started = Date.now();
        await expect(t.call(get(url()))).rejects.toBeInstanceOf(DeadlineExceededError);
        expect(Date.now() - started).toBeLessThan(5_000);
    });
});
