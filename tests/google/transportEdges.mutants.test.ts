/**
 * The transport's less travelled paths, in-process against the emulator and a hostile server (mutants no
 * in-process test reached in the mutation run, docs/mutation.md): an abort while the credentials are awaited
 * or while the client's gate is closed, credentials that fail, a body over the limit in each unit, and a
 * redirect with no Location.
 */
import { Agent } from "undici";
import { AbortedError, DeadlineExceededError, InvalidResponseError, GoogleApiError, SharedBackoff, type CredentialSource } from "../../provider/google";
import { failure } from "../hostile/support";
import { useEmulatorPerTest } from "../support/emulator";
import { TRANSPORT_OPERATION as NAME, getOperationSpec as get, testTransport, useAgentAndHostileServer, type TestTransportOptions } from "../support/transportUnderTest";

const transport = (agent: Agent, options: TestTransportOptions = {}) => testTransport(() => agent, options);

describe("transport edges against the emulator", () => {
    const { emu, url } = useEmulatorPerTest();
    let agent: Agent;
    beforeEach(() => {
        agent = new Agent();
        emu().add({ name: NAME });
    });
    afterEach(async () => {
        await agent.destroy();
    });

    const hangingCredentials: CredentialSource = { kind: "access-token", requestHeaders: () => new Promise<Record<string, string>>(() => undefined) };
    const closedGate = () => {
        const backoff = new SharedBackoff();
        backoff.closeFor(30_000);
        return backoff;
    };

    test.each<[string, () => TestTransportOptions]>([
        ["the credentials are awaited", () => ({ credentials: hangingCredentials })],
        ["the client's gate is closed", () => ({ backoff: closedGate() })],
    ])("an abort while %s ends the call at once, aborted, with nothing sent", async (_while, options) => {
        const controller = new AbortController();
        const t = transport(agent, options());
        setTimeout(() => controller.abort(new Error("interrupted")), 50);
        const { error, elapsedMs } = await failure(() => t.call(get(url(), controller.signal)));
        expect(error).toBeInstanceOf(AbortedError);
        expect(error.message).toBe(`get ${NAME} was aborted`);
        expect(elapsedMs).toBeLessThan(5_000);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("a call whose deadline has passed before its first attempt fails at once, saying no attempt was made", async () => {
        const { error: err } = await failure(() => transport(agent).call({ ...get(url()), deadline: Date.now() - 1 }));
        expect(err).toBeInstanceOf(DeadlineExceededError);
        expect(err.message).toBe(`get ${NAME}: the deadline passed after 0 attempt(s) without an answer`);
        expect((err as DeadlineExceededError).callDeadline).toBe(true);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("a signal aborted before the call: aborted at once, with the signal's reason as its cause, nothing sent", async () => {
        const controller = new AbortController();
        const reason = new Error("stopped before");
        controller.abort(reason);
        const { error: err } = await failure(() => transport(agent).call(get(url(), controller.signal)));
        expect(err).toBeInstanceOf(AbortedError);
        expect(err.message).toBe(`get ${NAME} was aborted`);
        expect(err.cause).toBe(reason);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

    test("credentials that fail: the call fails with their error, and nothing is sent", async () => {
        const t = transport(agent, { credentials: { kind: "access-token", requestHeaders: () => Promise.reject(new Error("token service said no")) } });
        const { error: err } = await failure(() => t.call(get(url())));
        expect(err.message).toMatch(/token service said no/);
        expect(emu().count({ rpc: "get" })).toBe(0);
    });

});

describe("transport edges against a hostile server", () => {
    const { agent, serve } = useAgentAndHostileServer();

    test.each<[number, number, string]>([
        [3 * 1024 * 1024, 1 << 20, "a body of 3 MiB (Content-Length), over the limit of 1 MiB per response"],
        [3_000, 2_048, "a body of 2.9 KiB (Content-Length), over the limit of 2 KiB per response"],
        [900, 512, "a body of 900 bytes (Content-Length), over the limit of 512 bytes per response"],
    ])("a body of %d bytes over a limit of %d is refused, in the unit that reads best", async (declared, limit, what) => {
        const { url } = (await serve((socket) => socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${declared}\r\n\r\n{`)));
        const { error: err } = await failure(() => transport(agent(), { maxResponseBytes: limit }).call(get(url)));
        expect(err).toBeInstanceOf(InvalidResponseError);
        expect(err.message).toContain(`answered HTTP 200 with ${what}; it was not read`);
    });

    test("a redirect without a Location is refused, saying it had none", async () => {
        const { url } = (await serve((socket) => socket.end("HTTP/1.1 302 Found\r\ncontent-length: 0\r\n\r\n")));
        const { error: err } = await failure(() => transport(agent()).call(get(url)));
        expect(err).toBeInstanceOf(GoogleApiError);
        expect(err.message).toContain('redirect to "(no location)"');
    });
});
