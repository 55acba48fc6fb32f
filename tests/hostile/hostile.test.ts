/**
 * The client against a hostile server (a raw `net` server of the tests' own): every call ends by its
 * deadline with a clear OperationsError, and memory stays bounded whatever the server streams.
 */
import type { Socket } from "node:net";
import { GoogleApiError, OperationsError, SharedBackoff } from "../../provider/google";
import { sweepOperations } from "../../provider/sweep/index";
import { answer, answerJson, endlessBody, hostileServer, type HostileServer, type RawRequest } from "./server";
import { MiB, OP, PARENT, SLACK_MS, TOKEN, failure, hostileClient, peakGrowth } from "./support";

const running = (name: string, extra: Record<string, unknown> = {}) => ({ name, metadata: { "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", verb: "create" }, ...extra });

describe("a hostile server", () => {
    let server: HostileServer | undefined;
    const start = async (scenario: (socket: Socket, request: RawRequest) => void) => {
        server = await hostileServer(scenario);
        return server;
    };
    afterEach(async () => {
        await server?.close();
        server = undefined;
    });

    test("never answers: the call ends by its deadline, even with a per-attempt timeout longer than the deadline", async () => {
        const { url } = await start(() => undefined);
        const { error, elapsedMs } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 1_000 }));
        expect(error.code).toBe("ERR_DEADLINE_EXCEEDED");
        expect(error.message).toMatch(/did not answer within \S+ \(attempt 1, cut short by the call's deadline\)/);
        expect(elapsedMs).toBeLessThan(1_000 + SLACK_MS);
    });

    test("headers, then a body that stalls: the call ends by its deadline", async () => {
        const { url } = await start((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"name":"proj'));
        const { error, elapsedMs } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 1_000 }));
        expect(error.code).toBe("ERR_DEADLINE_EXCEEDED");
        expect(elapsedMs).toBeLessThan(1_000 + SLACK_MS);
    });

    test("the connection closes mid-body: a network error after bounded retries", async () => {
        const { url, requests } = await start((socket) => {
            socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"name":"proj');
            setTimeout(() => socket.destroy(), 20);
        });
        const { error, elapsedMs } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 5_000 }));
        expect(error.code).toBe("ERR_NETWORK");
        expect(error.message).toMatch(/could not reach 127\.0\.0\.1/);
        expect(requests.length).toBe(3);
        expect(elapsedMs).toBeLessThan(5_000 + SLACK_MS);
    });

    test("an endless 200 body: refused at the size limit, naming it; memory stays bounded", async () => {
        const { url } = await start((socket) => endlessBody(socket));
        const { value, peakBytes } = await peakGrowth(() => failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 })));
        expect(value.error.code).toBe("ERR_INVALID_RESPONSE");
        expect(value.error.message).toMatch(/over the limit of 8 MiB per response/);
        expect(value.elapsedMs).toBeLessThan(3_000 + SLACK_MS);
        // The cap is 8 MiB; what the call holds at its peak is a small multiple of that, not what was streamed.
        expect(peakBytes).toBeLessThan(64 * MiB);
    });

    test("an endless error body (a 503 that never ends) is capped too, for every call", async () => {
        const { url } = await start((socket) => {
            socket.write("HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n");
            const chunk = Buffer.alloc(256 * 1024, 0x3c);
            const timer = setInterval(() => {
                if (socket.destroyed) return clearInterval(timer);
                socket.write(`${chunk.length.toString(16)}\r\n`);
                socket.write(chunk);
                socket.write("\r\n");
            }, 5);
            socket.on("close", () => clearInterval(timer));
        });
        const client = hostileClient(url, { maxResponseBytes: 1 * MiB });
        for (const call of [() => client.cancelOperation(OP, { timeoutMs: 3_000 }), () => client.listOperations(PARENT, { timeoutMs: 3_000 }).next()]) {
            const { error } = await failure(call);
            expect(error.code).toBe("ERR_INVALID_RESPONSE");
            expect(error.message).toMatch(/over the limit of 1 MiB per response/);
        }
    });

    test("a Content-Length over the limit is refused before the body is read", async () => {
        const { url } = await start((socket) => socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 999999999999\r\n\r\n{"));
        const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.message).toMatch(/over the limit of 8 MiB per response/);
    });

    test("endless pages: the listing ends by its overall deadline; memory stays bounded", async () => {
        let page = 0;
        const { url } = await start((socket, request) => {
            page++;
            const operations = Array.from({ length: 200 }, (_, i) => running(`${PARENT}/operations/p${page}-${i}`, { metadata: { pad: "y".repeat(1000) } }));
            answerJson(socket, 200, { operations, nextPageToken: `token-${page}-${request.index}` });
        });
        const client = hostileClient(url);
        let listed = 0;
        let endedByItself = false;
        const started = Date.now();
        const { value, peakBytes } = await peakGrowth(() =>
            failure(async () => {
                for await (const operation of client.listOperations(PARENT, { timeoutMs: 2_000 })) {
                    if (operation.name) listed++;
                    // A guard for the code before the fix, whose listing never ends: give up well after the deadline.
                    if (Date.now() - started > 2_000 + 3 * SLACK_MS) return;
                }
                endedByItself = true;
            }),
            { collect: true },
        );
        expect(endedByItself).toBe(false);
        expect(value.error.code).toBe("ERR_DEADLINE_EXCEEDED");
        expect(value.error.message).toMatch(/the listing's deadline of 2\.0s passed after \d+ page\(s\)/);
        expect(value.elapsedMs).toBeLessThan(2_000 + SLACK_MS);
        expect(listed).toBeGreaterThan(200);
        expect(peakBytes).toBeLessThan(64 * MiB);
    });

    test("a page token answered twice is an error, not an endless listing", async () => {
        const { url, requests } = await start((socket, request) => answerJson(socket, 200, { operations: [running(`${PARENT}/operations/r-${request.index}`)], nextPageToken: "same-token" }));
        const started = Date.now();
        const { error } = await failure(async () => {
            for await (const operation of hostileClient(url).listOperations(PARENT, { timeoutMs: 10_000 })) {
                if (!operation.name || Date.now() - started > 10_000 + SLACK_MS) return;
            }
        });
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(/nextPageToken already answered by an earlier page/);
        expect(requests.length).toBe(2);
    });

    test("a sweep over endless pages ends by its deadline", async () => {
        let page = 0;
        const { url } = await start((socket) => {
            page++;
            answerJson(socket, 200, { operations: [{ name: `${PARENT}/operations/x${page}`, done: true }], nextPageToken: `t${page}` });
        });
        const started = Date.now();
        const result = await sweepOperations(hostileClient(url), { parent: PARENT, timeoutMs: 1_500, selection: {} });
        expect(Date.now() - started).toBeLessThan(1_500 + SLACK_MS);
        expect(result.complete).toBe(false);
        expect(result.stoppedBy).toBe("deadline");
    });

    test("an HTML 502 from a proxy: a GoogleApiError that says so, after bounded retries", async () => {
        const { url, requests } = await start((socket) => answer(socket, 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", { "content-type": "text/html" }));
        const { error, elapsedMs } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.message).toMatch(/HTTP 502 INTERNAL: non-JSON \(HTML\) body: 502 Bad Gateway/);
        expect(requests.length).toBe(3);
        expect(elapsedMs).toBeLessThan(3_000 + SLACK_MS);
    });

    test("truncated JSON in a success: refused, saying so", async () => {
        const { url } = await start((socket) => answer(socket, 200, `{"name":"${OP}","done":tr`));
        const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(/not JSON \(or is truncated\)/);
    });

    const wrongGets: Array<[string, string, RegExp]> = [
        ["done as a string", JSON.stringify({ name: OP, done: "false" }), /done is the string "false", not a boolean/],
        ["done as a number", JSON.stringify({ name: OP, done: 1 }), /done is number 1, not a boolean/],
        ["a null body", "null", /the body is null, not an Operation object/],
        ["an array body", "[]", /the body is an array, not an Operation object/],
        ["a string body", '"ok"', /the body is the string "ok", not an Operation object/],
        ["an empty body", "", /the body is empty/],
        ["no name", JSON.stringify({ done: true }), /name is missing/],
        ["a numeric name", JSON.stringify({ name: 42 }), /name is number 42/],
        ["metadata as an array", JSON.stringify({ name: OP, metadata: [] }), /metadata is an array, not an object/],
        ["error as a string", JSON.stringify({ name: OP, done: true, error: "boom" }), /error is the string "boom", not a google\.rpc\.Status object/],
        ["error.code as a string", JSON.stringify({ name: OP, done: true, error: { code: "1" } }), /error\.code is the string "1", not an integer/],
        ["response as a number", JSON.stringify({ name: OP, done: true, response: 7 }), /response is number 7, not an object/],
    ];
    test.each(wrongGets)("GET answered with %s: refused with an OperationsError saying what was wrong", async (_label, body, message) => {
        const { url } = await start((socket) => answer(socket, 200, body));
        const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(message);
        expect(error.message).toContain(`get ${OP}: the server's answer is not a valid Operation`);
    });

    test("cancelAndConfirm never takes a malformed answer for a finished operation, and sends no cancel on it", async () => {
        const { url, requests } = await start((socket) => answer(socket, 200, JSON.stringify({ name: OP, done: "false" })));
        const { error } = await failure(() => hostileClient(url).cancelAndConfirm(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(requests.map((r) => r.method)).toEqual(["GET"]);
    });

    const wrongPages: Array<[string, unknown, RegExp]> = [
        ["operations as an object", { operations: {} }, /operations is an object, not an array/],
        ["a null operation", { operations: [null] }, /operations\[0\] is null, not an Operation object/],
        ["an operation with done as a string", { operations: [{ name: OP, done: "true" }] }, /operations\[0\]\.done is the string "true", not a boolean/],
        ["nextPageToken as a number", { operations: [], nextPageToken: 5 }, /nextPageToken is number 5, not a string/],
        ["an array page", [], /the body is an array, not a ListOperationsResponse object/],
    ];
    test.each(wrongPages)("a list page with %s: refused", async (_label, page, message) => {
        const { url } = await start((socket) => answerJson(socket, 200, page));
        const { error } = await failure(() => hostileClient(url).listOperations(PARENT, { timeoutMs: 3_000 }).next());
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(message);
    });

    test("a cancel answered with something other than an object is refused", async () => {
        const { url } = await start((socket) => answer(socket, 200, "[1]"));
        const { error } = await failure(() => hostileClient(url).cancelOperation(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(/not an object \(google\.protobuf\.Empty\)/);
    });

    test("JSON nested 200,000 deep: refused with an OperationsError, no stack overflow", async () => {
        const deep = `{"name":"${OP}","metadata":${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}}`;
        const { url } = await start((socket) => answer(socket, 200, deep));
        const client = hostileClient(url);
        const { error } = await failure(() => client.getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toMatch(/nested deeper than 100 levels/);
        // And through the whole cancel path, where the metadata used to be serialized.
        await expect(client.cancelAndConfirm(OP, { timeoutMs: 3_000 })).rejects.toBeInstanceOf(OperationsError);
    });

    test("an error body nested 200,000 deep is reported, not crashed on", async () => {
        const deep = `{"error":{"code":400,"message":"bad","details":[${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}]}}`;
        const { url } = await start((socket) => answer(socket, 400, deep));
        const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.message).toMatch(/error body nested deeper than 100 levels/);
    });

    test("another operation's name: refused, never taken for the operation asked for", async () => {
        const other = `${PARENT}/operations/someone-elses`;
        const { url, requests } = await start((socket) => answerJson(socket, 200, running(other)));
        const client = hostileClient(url);
        const { error } = await failure(() => client.getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.code).toBe("ERR_INVALID_RESPONSE");
        expect(error.message).toContain(`it names the operation "${other}", not ${OP}`);
        await failure(() => client.cancelAndConfirm(OP, { timeoutMs: 3_000 }));
        expect(requests.filter((r) => r.method === "POST")).toEqual([]);
        // Another project's or location's operation of the same id is another operation too.
        for (const name of ["projects/other-proj/locations/us-central1/operations/op-1", "projects/my-proj/locations/us-east1/operations/op-1"]) {
            await server?.close();
            const s = await start((socket) => answerJson(socket, 200, running(name)));
            await expect(hostileClient(s.url).getOperation(OP, { timeoutMs: 3_000 })).rejects.toThrow(/not a valid Operation: it names the operation/);
        }
    });

    test("the same operation written with the project number (as Vertex AI writes names) is accepted", async () => {
        const { url } = await start((socket) => answerJson(socket, 200, running("projects/123456789012/locations/us-central1/operations/op-1")));
        await expect(hostileClient(url).getOperation(OP, { timeoutMs: 3_000 })).resolves.toMatchObject({ name: "projects/123456789012/locations/us-central1/operations/op-1" });
    });

    test("a redirect to another host: not followed, the token never leaves", async () => {
        const elsewhere = await hostileServer((socket) => answerJson(socket, 200, running(OP)));
        try {
            const { url } = await start((socket) => answer(socket, 302, "", { location: `${elsewhere.url}/v1/${OP}` }));
            const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
            expect(error).toBeInstanceOf(GoogleApiError);
            expect(error.message).toMatch(/HTTP 302 .*redirect to .*Redirects are not followed with credentials/);
            expect(elsewhere.requests).toEqual([]);
        } finally {
            await elsewhere.close();
        }
    });

    test("Retry-After: 999999 fails at once, saying the server asked to wait that long; the shared gate closes for at most the cap", async () => {
        const { url, requests } = await start((socket, request) =>
            request.index === 1 ? answerJson(socket, 429, { error: { code: 429, status: "RESOURCE_EXHAUSTED", message: "slow down" } }, { "retry-after": "999999" }) : answerJson(socket, 200, running(OP)),
        );
        const backoff = new SharedBackoff();
        const client = hostileClient(url, { backoff, retry: { maxAttempts: 5, initialDelayMs: 20, maxDelayMs: 100, maxServerDelayMs: 300 } });
        const { error, elapsedMs } = await failure(() => client.getOperation(OP, { timeoutMs: 5_000 }));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(error.message).toMatch(/The server asked to wait 277h46m before retrying \(Retry-After: 999999\), more than the 300ms this client waits at most: not retried/);
        expect(elapsedMs).toBeLessThan(SLACK_MS);
        expect(backoff.remaining()).toBeLessThanOrEqual(300);
        // The client is not locked out for days: once the capped gate opens, calls go through.
        await new Promise((r) => setTimeout(r, 350));
        await expect(client.getOperation(OP, { timeoutMs: 3_000 })).resolves.toMatchObject({ name: OP });
        expect(requests.length).toBe(2);
    });

    test("the default cap: one huge Retry-After closes a client's gate for at most a minute", async () => {
        const { url } = await start((socket) => answerJson(socket, 429, { error: { code: 429, status: "RESOURCE_EXHAUSTED", message: "slow down" } }, { "retry-after": "999999" }));
        const backoff = new SharedBackoff();
        const client = hostileClient(url, { backoff });
        await failure(() => client.getOperation(OP, { timeoutMs: 5_000 }));
        expect(backoff.remaining()).toBeGreaterThan(0);
        expect(backoff.remaining()).toBeLessThanOrEqual(60_000);
        // A call that cannot wait that long says why, instead of "the deadline passed after 0 attempt(s)".
        const { error } = await failure(() => client.getOperation(OP, { timeoutMs: 1_000 }));
        expect(error.code).toBe("ERR_DEADLINE_EXCEEDED");
        expect(error.message).toMatch(/was not sent: the server answered 429 \(asked this client to slow down\)/);
    });

    test("a RetryInfo delay longer than the deadline fails at once, saying so", async () => {
        const { url, requests } = await start((socket) =>
            answerJson(socket, 503, { error: { code: 503, status: "UNAVAILABLE", message: "later", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "30s" }] } }),
        );
        const { error, elapsedMs } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 2_000 }));
        expect(error.message).toMatch(/The server asked to wait 30\.0s before retrying \(RetryInfo\.retryDelay "30s"\), more than the .* left before the call's deadline/);
        expect(elapsedMs).toBeLessThan(2_000);
        expect(requests.length).toBe(1);
    });

    test("endless 429s: bounded attempts, ended by the deadline, a clear error", async () => {
        const { url, requests } = await start((socket) => answerJson(socket, 429, { error: { code: 429, status: "RESOURCE_EXHAUSTED", message: "quota" } }, { "retry-after": "1" }));
        const { error, elapsedMs } = await failure(() => hostileClient(url, { retry: { maxAttempts: 10, initialDelayMs: 20, maxDelayMs: 100 } }).getOperation(OP, { timeoutMs: 2_500 }));
        expect(error).toBeInstanceOf(GoogleApiError);
        expect((error as GoogleApiError).status).toBe("RESOURCE_EXHAUSTED");
        expect(error.message).toMatch(/Quota or rate limit exhausted/);
        expect(requests.length).toBeLessThanOrEqual(3);
        expect(elapsedMs).toBeLessThan(2_500 + SLACK_MS);
    });

    test("nothing the server says reaches a message with the token", async () => {
        const { url } = await start((socket, request) =>
            answerJson(socket, 403, { error: { code: 403, status: "PERMISSION_DENIED", message: `token ${request.headers.authorization?.replace(/^Bearer /, "")} lacks access_token=abc` } }),
        );
        const { error } = await failure(() => hostileClient(url).getOperation(OP, { timeoutMs: 3_000 }));
        expect(error.message).not.toContain(TOKEN);
        expect(error.message).toContain("[redacted]");
    });
});
