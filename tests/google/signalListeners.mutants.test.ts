/**
 * A caller's abort signal may live as long as the process (a Pulumi program's, a command line's): every wait
 * that listens to it stops listening when it ends, whichever way it ends.
 */
import { getEventListeners } from "node:events";
import { Agent } from "undici";
import { CredentialsError, type CredentialSource } from "../../provider/google";
import { sleep } from "../../provider/google/retry";
import { useEmulatorPerTest } from "../support/emulator";
import { ASYNC_EMULATOR_TOKEN as TOKEN, TRANSPORT_OPERATION as NAME, getOperationSpec, testTransport } from "../support/transportUnderTest";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

test("a sleep that ends by its time stops listening to the signal", async () => {
    const controller = new AbortController();
    await sleep(5, controller.signal);
    expect(listeners(controller.signal)).toBe(0);
});

describe("the transport's wait for credentials", () => {
    const { emu, url } = useEmulatorPerTest();
    let agent: Agent;
    beforeEach(() => {
        agent = new Agent();
        emu().add({ name: NAME });
    });
    afterEach(() => agent.destroy());

    const call = (credentials: CredentialSource, requestTimeoutMs: number, signal: AbortSignal) =>
        testTransport(() => agent, { credentials, requestTimeoutMs })
            .call(getOperationSpec(url(), signal))
            .then(
                () => "answered",
                (e: unknown) => (e as Error).name,
            );

    test.each<[string, CredentialSource, number, string]>([
        ["the credentials answer", TOKEN, 10_000, "answered"],
        ["the credentials fail", { kind: "access-token", requestHeaders: () => Promise.reject(new CredentialsError("no token today")) }, 10_000, "CredentialsError"],
        ["the credentials do not answer in the attempt's time", { kind: "access-token", requestHeaders: () => new Promise<Record<string, string>>(() => undefined) }, 200, "DeadlineExceededError"],
    ])("when %s, no listener is left on the caller's signal", async (_when, credentials, requestTimeoutMs, ending) => {
        const controller = new AbortController();
        expect(await call(credentials, requestTimeoutMs, controller.signal)).toBe(ending);
        expect(listeners(controller.signal)).toBe(0);
    });
});
