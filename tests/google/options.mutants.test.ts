/**
 * Client options validated up front, and the small rules under them, in-process: mutants of
 * provider/google that no in-process test reached (docs/mutation.md). Each bad value names its option
 * and the fix; each boundary value is accepted.
 */
import { Agent, EnvHttpProxyAgent } from "undici";
import { InvalidOptionError, OperationsClient, isLoopbackHost, type OperationsClientOptions } from "../../provider/google";
import { AccessTokenSource } from "../../provider/google/auth";
import { sharedDispatcher } from "../../provider/google/dispatcher";
import { DEFAULT_POLL, pollSchedule } from "../../provider/google/poll";
import { retryOptions } from "../../provider/google/retry";
import { codeNameForHttpStatus, rpcCodeName } from "../../provider/google/status";
import { PROXY_VARIABLES, useClearedProxyEnvironment } from "../support/proxyEnvironment";
import { thrownBy } from "../support/outcome";

const base: OperationsClientOptions = { service: "clouddeploy", credentials: { accessToken: "t" } };

function refusal(options: OperationsClientOptions): InvalidOptionError {
    const err = thrownBy(() => new OperationsClient({ ...base, ...options }));
    expect(err).toBeInstanceOf(InvalidOptionError);
    return err as InvalidOptionError;
}

describe("OperationsClient options", () => {
    test.each<[OperationsClientOptions, string, RegExp]>([
        [{ requestTimeoutMs: 0 }, "requestTimeoutMs", /^requestTimeoutMs must be a positive number of milliseconds$/],
        [{ requestTimeoutMs: -5 }, "requestTimeoutMs", /positive number/],
        [{ requestTimeoutMs: Number.NaN }, "requestTimeoutMs", /positive number/],
        [{ maxResponseBytes: 1023 }, "maxResponseBytes", /^maxResponseBytes must be a whole number of bytes, at least 1024$/],
        [{ maxResponseBytes: 2048.5 }, "maxResponseBytes", /at least 1024/],
        [{ quotaProject: "Bad Project!" }, "quotaProject", /^quotaProject "Bad Project!" must be a project id$/],
        [{ quotaProject: "a" }, "quotaProject", /must be a project id/],
        [{ poll: { initialDelayMs: -1 } }, "poll", /^poll.initialDelayMs must be >= 0 and poll.maxDelayMs >= poll.initialDelayMs$/],
        [{ poll: { initialDelayMs: 100, maxDelayMs: 99 } }, "poll", /poll.maxDelayMs >= poll.initialDelayMs/],
        [{ poll: { multiplier: 0.99 } }, "poll.multiplier", /^poll.multiplier must be at least 1$/],
        [{ poll: { jitter: 1 } }, "poll.jitter", /^poll.jitter must be in \[0, 1\)$/],
        [{ poll: { jitter: -0.1 } }, "poll.jitter", /in \[0, 1\)/],
        [{ retry: { maxAttempts: 0 } }, "retry.maxAttempts", /^retry.maxAttempts must be an integer from 1 to 100$/],
        [{ retry: { maxAttempts: 101 } }, "retry.maxAttempts", /from 1 to 100/],
        [{ retry: { maxAttempts: 2.5 } }, "retry.maxAttempts", /from 1 to 100/],
        [{ retry: { initialDelayMs: -1 } }, "retry.initialDelayMs", /^retry.initialDelayMs must be a non-negative number of milliseconds$/],
        [{ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, "retry.maxDelayMs", /^retry.maxDelayMs must be a non-negative number/],
        [{ retry: { maxServerDelayMs: Number.NaN } }, "retry.maxServerDelayMs", /^retry.maxServerDelayMs must be a non-negative number/],
        [{ retry: { multiplier: 0.5 } }, "retry.multiplier", /^retry.multiplier must be at least 1$/],
        [{ retry: { multiplier: Number.POSITIVE_INFINITY } }, "retry.multiplier", /at least 1/],
    ])("%j is refused, naming %s", (options, field, message) => {
        const err = refusal(options);
        expect(err.field).toBe(field);
        expect(err.message).toMatch(message);
    });

    test("the boundary values are accepted", () => {
        for (const options of [
            { requestTimeoutMs: 1 },
            { maxResponseBytes: 1024 },
            { quotaProject: "ab" },
            { poll: { initialDelayMs: 0, maxDelayMs: 0, multiplier: 1, jitter: 0 } },
            { retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0, maxServerDelayMs: 0, multiplier: 1 } },
            { retry: { maxAttempts: 100 } },
        ] as OperationsClientOptions[]) {
            expect(() => new OperationsClient({ ...base, ...options })).not.toThrow();
        }
    });

    test("schedules are the defaults merged with what is given", () => {
        expect(pollSchedule(undefined)).toEqual(DEFAULT_POLL);
        expect(pollSchedule({ jitter: 0 })).toEqual({ ...DEFAULT_POLL, jitter: 0 });
        expect(retryOptions({ maxAttempts: 3 }).maxAttempts).toBe(3);
        expect(retryOptions(undefined)).toEqual(retryOptions({}));
    });
});

describe("loopback hosts (the only ones plain http may reach)", () => {
    test.each(["localhost", "LOCALHOST", "emulator.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "[0:0:0:0:0:0:0:1]"])("%s is loopback", (host) => {
        expect(isLoopbackHost(host)).toBe(true);
    });
    test.each(["localhost.example.com", "mylocalhost", "128.0.0.1", "10.0.0.1", "[::2]", "[::ffff:127.0.0.1]", "[fe80::1]", "example.com", "[::1]x", "x[::1]", "[[::1]", "[::1]]"])("%s is not", (host) => {
        expect(isLoopbackHost(host)).toBe(false);
    });
});

describe("codes", () => {
    test("the HTTP status of an error body without a status maps as Google's clients map it", () => {
        const table: Record<number, string> = {
            400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 409: "ABORTED", 412: "FAILED_PRECONDITION",
            416: "OUT_OF_RANGE", 429: "RESOURCE_EXHAUSTED", 499: "CANCELLED", 501: "UNIMPLEMENTED", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
        };
        for (const [status, code] of Object.entries(table)) expect(codeNameForHttpStatus(Number(status))).toBe(code);
    });

    test("a numeric google.rpc.Code has its name; anything else has none", () => {
        expect(rpcCodeName(0)).toBe("OK");
        expect(rpcCodeName(1)).toBe("CANCELLED");
        expect(rpcCodeName(16)).toBe("UNAUTHENTICATED");
        expect(rpcCodeName(17)).toBeUndefined();
        expect(rpcCodeName(-1)).toBeUndefined();
    });
});

describe("a fixed access token", () => {
    test("is sent trimmed, and each caller gets its own copy of the headers", async () => {
        const source = new AccessTokenSource("  ya29.token \n");
        const first = await source.requestHeaders();
        expect(first).toEqual({ authorization: "Bearer ya29.token" });
        first.authorization = "changed";
        expect(await source.requestHeaders()).toEqual({ authorization: "Bearer ya29.token" });
    });

    test.each(["", "   ", "two words", "tab\there", "nul\u0000"])("%j is refused with what a token must be", (token) => {
        let error: unknown;
        try {
            new AccessTokenSource(token);
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect(error).toMatchObject({ field: "accessToken", message: "accessToken must be a non-empty OAuth 2 access token without whitespace" });
    });
});

describe("the shared dispatcher", () => {
    useClearedProxyEnvironment();

    test("one per proxy environment and CA: a plain agent without a proxy, undici's proxy agent with one (either spelling)", () => {
        const plain = sharedDispatcher();
        expect(plain).toBeInstanceOf(Agent);
        expect(plain).not.toBeInstanceOf(EnvHttpProxyAgent);
        expect(sharedDispatcher()).toBe(plain);
        expect(sharedDispatcher(undefined)).toBe(plain);
        const withCa = sharedDispatcher("-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----");
        expect(withCa).not.toBe(plain);

        process.env.http_proxy = "http://127.0.0.1:3128";
        const lowerHttp = sharedDispatcher();
        expect(lowerHttp).toBeInstanceOf(EnvHttpProxyAgent);
        delete process.env.http_proxy;
        process.env.HTTP_PROXY = "http://127.0.0.1:3129";
        const upperHttp = sharedDispatcher();
        expect(upperHttp).toBeInstanceOf(EnvHttpProxyAgent);
        expect(upperHttp).not.toBe(lowerHttp);

        process.env.no_proxy = "example.com";
        const withNoProxy = sharedDispatcher();
        expect(withNoProxy).not.toBe(upperHttp);
        process.env.NO_PROXY = "other.example.com";
        expect(sharedDispatcher()).not.toBe(withNoProxy);

        for (const k of PROXY_VARIABLES) delete process.env[k];
        process.env.https_proxy = "http://127.0.0.1:3130";
        expect(sharedDispatcher()).toBeInstanceOf(EnvHttpProxyAgent);
        delete process.env.https_proxy;
        expect(sharedDispatcher()).toBe(plain);
    });

    test("one proxy URL set for https only, for http only, or as NO_PROXY is three environments, three dispatchers", () => {
        process.env.HTTPS_PROXY = "http://127.0.0.1:3131";
        const httpsOnly = sharedDispatcher();
        expect(httpsOnly).toBeInstanceOf(EnvHttpProxyAgent);
        delete process.env.HTTPS_PROXY;
        process.env.HTTP_PROXY = "http://127.0.0.1:3131";
        const httpOnly = sharedDispatcher();
        expect(httpOnly).toBeInstanceOf(EnvHttpProxyAgent);
        expect(httpOnly).not.toBe(httpsOnly);
        delete process.env.HTTP_PROXY;
        process.env.NO_PROXY = "http://127.0.0.1:3131";
        expect(sharedDispatcher()).not.toBe(httpOnly);
    });
});
