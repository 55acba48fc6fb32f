import { Agent, type Dispatcher } from "undici";
import { SharedBackoff, type CredentialSource } from "../../provider/google";
import { retryOptions, type RetryOptions } from "../../provider/google/retry";
import { Transport, type CallSpec } from "../../provider/google/transport";
import { hostileServer, type HostileServer, type Scenario } from "../hostile/server";

/** The operation the transport suites read from the emulator. */
export const TRANSPORT_OPERATION = "projects/proj-one/locations/us-central1/operations/op-1";

/** Credentials that answer only asynchronously (as a token fetched by google-auth-library does), with the emulator's token. */
export const ASYNC_EMULATOR_TOKEN: CredentialSource = { kind: "access-token", requestHeaders: async () => ({ authorization: "Bearer emulator-token" }) };

export interface TestTransportOptions {
    credentials?: CredentialSource;
    requestTimeoutMs?: number;
    maxResponseBytes?: number;
    backoff?: SharedBackoff;
    /** Over one attempt per call. */
    retry?: Partial<RetryOptions>;
    /** The backoff's jitter source (Math.random unless given). */
    random?: () => number;
}

/**
 * A transport as the client builds one, with one attempt per call: {@link ASYNC_EMULATOR_TOKEN}, a 10 s
 * request timeout, 1 MiB per response and a gate of its own unless told otherwise.
 */
export function testTransport(dispatcher: () => Dispatcher, options: TestTransportOptions = {}): Transport {
    return new Transport({
        credentials: options.credentials ?? ASYNC_EMULATOR_TOKEN,
        dispatcher,
        requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
        maxResponseBytes: options.maxResponseBytes ?? 1 << 20,
        retry: retryOptions({ maxAttempts: 1, ...options.retry }),
        backoff: options.backoff ?? new SharedBackoff(),
        userAgent: "transport-test",
        ...(options.random ? { random: options.random } : {}),
    });
}

/** A read of {@link TRANSPORT_OPERATION} at `baseUrl` with a minute's deadline (and the signal, when given). */
export function getOperationSpec(baseUrl: string, signal?: AbortSignal): CallSpec {
    return { httpMethod: "GET", url: `${baseUrl}/v1/${TRANSPORT_OPERATION}`, method: "get", resource: TRANSPORT_OPERATION, deadline: Date.now() + 60_000, ...(signal ? { signal } : {}) };
}

/** A fresh undici Agent per test and at most one hostile server, both closed after each test. */
export function useAgentAndHostileServer(): { agent: () => Agent; serve: (scenario: Scenario) => Promise<HostileServer> } {
    let agent: Agent | undefined;
    let server: HostileServer | undefined;
    beforeEach(() => {
        agent = new Agent();
    });
    afterEach(async () => {
        const [destroyed, closed] = [agent, server];
        agent = undefined;
        server = undefined;
        await Promise.allSettled([destroyed?.destroy(), closed?.close()]);
    });
    return {
        agent: () => {
            if (!agent) throw new Error("useAgentAndHostileServer: the agent exists only inside a test");
            return agent;
        },
        serve: async (scenario) => {
            await server?.close();
            return (server = await hostileServer(scenario));
        },
    };
}
