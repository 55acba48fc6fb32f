import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AbortedError, DeadlineExceededError, GoogleApiError, NetworkError, OperationsClient } from "../../provider/google";
import { DEPLOY_OP, FAST, TOKEN, useEmulator } from "./support";

describe("faults, retries and deadlines", () => {
    const { emu, client } = useEmulator();
    beforeEach(() => emu().add({ name: DEPLOY_OP }));

    test.each([
        ["RESOURCE_EXHAUSTED", 429],
        ["INTERNAL", 500],
        ["UNAVAILABLE", 503],
        ["DEADLINE_EXCEEDED", 504],
    ] as const)("retries %s (HTTP %d) and succeeds", async (code, http) => {
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "status", code }, { kind: "status", code }] });
        const op = await client().getOperation(DEPLOY_OP);
        expect(op.name).toBe(DEPLOY_OP);
        expect(emu().count({ rpc: "get" })).toBe(3);
        expect(emu().requests.slice(0, 2).map((r) => r.status)).toEqual([http, http]);
    });

    test("retries HTTP 502 with an HTML body from a proxy", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "nonJson", status: 502, body: "html" }, times: 1 });
        await expect(client().getOperation(DEPLOY_OP)).resolves.toMatchObject({ name: DEPLOY_OP });
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test.each(["html", "empty", "truncated"] as const)("survives a non-JSON %s body once retries are spent", async (body) => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "nonJson", status: 502, body } });
        const error = (await client().getOperation(DEPLOY_OP).catch((e: unknown) => e)) as GoogleApiError;
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.httpStatus).toBe(502);
        expect(error.attempts).toBe(4);
        expect(error.message).toMatch(/HTTP 502/);
        expect(emu().count({ rpc: "get" })).toBe(4);
    });

    test("retries a connection reset, for GET and for the idempotent cancel", async () => {
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "reset" }, times: 2 });
        await client().cancelOperation(DEPLOY_OP);
        expect(emu().count({ rpc: "cancel" })).toBe(3);
    });

    test("attempts are bounded: an always-failing endpoint gets exactly maxAttempts requests", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "UNAVAILABLE" } });
        const error = (await client({ retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10 } }).getOperation(DEPLOY_OP).catch((e: unknown) => e)) as GoogleApiError;
        expect(error.status).toBe("UNAVAILABLE");
        expect(error.attempts).toBe(3);
        expect(emu().count({ rpc: "get" })).toBe(3);
    });

    test("client errors are not retried", async () => {
        emu().add({ name: `${DEPLOY_OP}-denied`, denied: ["get"] });
        await expect(client().getOperation(`${DEPLOY_OP}-denied`)).rejects.toMatchObject({ status: "PERMISSION_DENIED", attempts: 1 });
        await expect(client().getOperation(`${DEPLOY_OP}-nope`)).rejects.toMatchObject({ status: "NOT_FOUND" });
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test("honours RetryInfo's retryDelay over a shorter backoff", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryDelay: "0.4s" }, times: 1 });
        const started = Date.now();
        await client().getOperation(DEPLOY_OP);
        expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    });

    test("honours Retry-After", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "UNAVAILABLE", retryAfterSeconds: 1 }, times: 1 });
        const started = Date.now();
        await client().getOperation(DEPLOY_OP);
        expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    test("a Retry-After beyond the call's deadline fails at once instead of sleeping past it", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryAfterSeconds: 30 } });
        const started = Date.now();
        const error = (await client().getOperation(DEPLOY_OP, { timeoutMs: 2000 }).catch((e: unknown) => e)) as GoogleApiError;
        expect(error.status).toBe("RESOURCE_EXHAUSTED");
        expect(error.hint).toMatch(/Quota or rate limit/);
        expect(Date.now() - started).toBeLessThan(1500);
        expect(emu().count({ rpc: "get" })).toBe(1);
    });

    test("a 429 closes the shared backoff for every call of the client", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryDelay: "0.5s" }, times: 1 });
        const c = client();
        const first = c.getOperation(DEPLOY_OP);
        await new Promise((r) => setTimeout(r, 100));
        const started = Date.now();
        await c.getOperation(DEPLOY_OP);
        expect(Date.now() - started).toBeGreaterThanOrEqual(300);
        await first;
    });

    test("a server that never answers fails within the deadline", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const started = Date.now();
        const error = await client({ requestTimeoutMs: 300 }).getOperation(DEPLOY_OP, { timeoutMs: 1000 }).catch((e: unknown) => e);
        const elapsed = Date.now() - started;
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect((error as Error).message).toMatch(/did not answer within/);
        expect(elapsed).toBeGreaterThanOrEqual(250);
        expect(elapsed).toBeLessThan(2500);
    });

    test("a slow answer within the deadline succeeds", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "delay", ms: 200 }, times: 1 });
        await expect(client({ requestTimeoutMs: 2000 }).getOperation(DEPLOY_OP)).resolves.toMatchObject({ name: DEPLOY_OP });
    });

    test("an AbortSignal aborts a call promptly", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const started = Date.now();
        await expect(client().getOperation(DEPLOY_OP, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
        expect(Date.now() - started).toBeLessThan(1500);
    });

    test("redirects are not followed, so the token never reaches another host", async () => {
        const other = await listen((_req, res) => res.end("{}"));
        const hits: string[] = [];
        other.server.on("request", (req) => hits.push(String(req.headers.authorization)));
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "redirect", status: 302, location: `${other.url}/v1/${DEPLOY_OP}` } });
        const error = (await client().getOperation(DEPLOY_OP).catch((e: unknown) => e)) as GoogleApiError;
        await close(other.server);
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.httpStatus).toBe(302);
        expect(error.message).toMatch(/not followed with credentials/);
        expect(hits).toEqual([]);
        expect(emu().count({ rpc: "get" })).toBe(1);
    });

    test("a refused connection is a NetworkError after bounded retries", async () => {
        const dead = await listen(() => undefined);
        await close(dead.server);
        const c = new OperationsClient({ service: "clouddeploy", endpoint: dead.url, credentials: { accessToken: TOKEN }, ...FAST });
        const error = await c.getOperation(DEPLOY_OP, { timeoutMs: 3000 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NetworkError);
        expect((error as Error).message).toMatch(/could not reach 127\.0\.0\.1/);
        expect(c.requestCount).toBe(4);
    });

    test("a token echoed by a misbehaving server never appears in the error", async () => {
        const echo = await listen((req, res) => {
            res.writeHead(403, { "content-type": "application/json" });
            res.end(JSON.stringify({ error: { code: 403, status: "PERMISSION_DENIED", message: `denied for ${req.headers.authorization}`, details: [{ "@type": "x", token: req.headers.authorization }] } }));
        });
        const secret = "ya29.very-secret-token-value";
        const c = new OperationsClient({ service: "clouddeploy", endpoint: echo.url, credentials: { accessToken: secret }, ...FAST });
        const error = (await c.getOperation(DEPLOY_OP).catch((e: unknown) => e)) as GoogleApiError;
        await close(echo.server);
        expect(error.status).toBe("PERMISSION_DENIED");
        expect(JSON.stringify({ m: error.message, d: error.details, g: error.googleMessage, s: error.stack })).not.toContain("very-secret-token-value");
    });

    test("sends the quota project and a user agent", async () => {
        await client({ quotaProject: "billing-proj" }).getOperation(DEPLOY_OP);
        expect(emu().requests[0].userProject).toBe("billing-proj");
        expect(emu().requests[0].userAgent).toMatch(/pulumi-gcp-operations/);
        expect(emu().requests[0].token).toBe(TOKEN);
    });

    test("the emulator's 401 for a wrong token says how to fix credentials", async () => {
        const error = (await client({ credentials: { accessToken: "wrong-token" } }).getOperation(DEPLOY_OP).catch((e: unknown) => e)) as GoogleApiError;
        expect(error.httpStatus).toBe(401);
        expect(error.message).toMatch(/gcloud auth application-default login/);
        expect(error.message).not.toContain("wrong-token");
    });
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
}
