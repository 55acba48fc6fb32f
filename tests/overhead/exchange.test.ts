/**
 * The transport's exchange (issue 10, CPU per request): one request through undici's handler API, read
 * into memory without a response stream, and the URL split without a parse when it is already plain.
 * Each bound it promises is shown against a real server on loopback.
 */
import fc from "fast-check";
import { BodyTooLargeError, ExchangeTimeoutError, exchange, type ExchangeRequest } from "../../provider/google/exchange";
import { splitUrl } from "../../provider/google/transport";
import * as endpointModule from "../../provider/google/endpoint";
import { OperationsClient } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";
import { useLoopbackServer } from "../support/loopbackServer";

describe("splitUrl", () => {
    const alphabet = fc.constantFrom(..."abcXYZ019._~-%/?#:@!$&'()*+,;=[]{}| \\\"<>^`".split(""), "%2e", "%2E", ".", "..", "é", "/./", "/../");
    const tail = fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join(""));
    const origin = fc.constantFrom("http://127.0.0.1:8085", "https://clouddeploy.googleapis.com", "https://Upper.Example.com", "https://h.example:443", "http://[::1]:9");

    test("gives the origin and path a URL parser gives, for any URL", () => {
        fc.assert(
            fc.property(origin, tail, (base, rest) => {
                const url = `${base}/${rest}`;
                let parsed: URL | undefined;
                try {
                    parsed = new URL(url);
                } catch {
                    parsed = undefined;
                }
                if (!parsed) return void expect(() => splitUrl(url)).toThrow();
                const split = splitUrl(url);
                expect(split.path).toBe(`${parsed.pathname}${parsed.search}`);
                expect(new URL(split.origin).origin).toBe(parsed.origin);
            }),
            { numRuns: 5000, seed: 22 },
        );
    });

    test("a plain URL is split as it is", () => {
        expect(splitUrl("http://127.0.0.1:8085/v1/projects/p/locations/l/operations/o:cancel")).toEqual({
            origin: "http://127.0.0.1:8085",
            path: "/v1/projects/p/locations/l/operations/o:cancel",
        });
        expect(splitUrl("https://sqladmin.googleapis.com/v1/projects/p/operations?instance=i&maxResults=5")).toEqual({
            origin: "https://sqladmin.googleapis.com",
            path: "/v1/projects/p/operations?instance=i&maxResults=5",
        });
    });
});

describe("exchange", () => {
    const loopback = useLoopbackServer();

    const request = (extra: Partial<ExchangeRequest> = {}): ExchangeRequest => ({ origin: loopback.origin, path: "/x", method: "GET", headers: {}, timeoutMs: 2_000, maxBytes: 1024, ...extra });

    test("reads a body sent in many chunks, whole", async () => {
        loopback.handle = (_req, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            for (let i = 0; i < 50; i++) res.write("é");
            res.end();
        };
        const answer = await exchange(loopback.agent, request());
        expect(answer.statusCode).toBe(200);
        expect(answer.text).toBe("é".repeat(50));
    });

    test("sends the method, headers and body given", async () => {
        let seen = "";
        loopback.handle = (req, res) => {
            let body = "";
            req.on("data", (c: Buffer) => (body += c.toString()));
            req.on("end", () => {
                seen = `${req.method} ${req.url} ${String(req.headers["x-probe"])} ${body}`;
                res.end("{}");
            });
        };
        await exchange(loopback.agent, request({ method: "POST", path: "/a:cancel", headers: { "x-probe": "yes" }, body: "{}" }));
        expect(seen).toBe("POST /a:cancel yes {}");
    });

    test("refuses a body whose Content-Length is over maxBytes without reading it", async () => {
        loopback.handle = (_req, res) => {
            res.writeHead(200, { "content-length": "5000" });
            res.end("x".repeat(5000));
        };
        const err = await exchange(loopback.agent, request()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BodyTooLargeError);
        expect((err as BodyTooLargeError).declared).toBe(5000);
        expect((err as BodyTooLargeError).statusCode).toBe(200);
    });

    test("abandons an endless body once it passes maxBytes", async () => {
        let written = 0;
        loopback.handle = (_req, res) => {
            res.writeHead(503);
            const timer = setInterval(() => {
                written += 512;
                if (!res.write("y".repeat(512))) return;
            }, 1);
            res.on("close", () => clearInterval(timer));
        };
        const err = await exchange(loopback.agent, request({ maxBytes: 4096 })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BodyTooLargeError);
        expect((err as BodyTooLargeError).declared).toBeUndefined();
        expect((err as BodyTooLargeError).statusCode).toBe(503);
        expect(written).toBeLessThan(1024 * 1024);
    });

    test("a redirect answers at its headers, with no body read", async () => {
        loopback.handle = (_req, res) => {
            res.writeHead(302, { location: "https://elsewhere.example/" });
            res.write("never read");
        };
        const answer = await exchange(loopback.agent, request());
        expect(answer).toMatchObject({ statusCode: 302, text: "" });
        expect(answer.headers.location).toBe("https://elsewhere.example/");
    });

    test("a body that trickles in is cut at timeoutMs, though each chunk comes sooner than that", async () => {
        loopback.handle = (_req, res) => {
            res.writeHead(200);
            const timer = setInterval(() => res.write(" "), 50);
            res.on("close", () => clearInterval(timer));
        };
        const started = Date.now();
        const err = await exchange(loopback.agent, request({ timeoutMs: 400 })).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ExchangeTimeoutError);
        expect(Date.now() - started).toBeGreaterThanOrEqual(390);
        expect(Date.now() - started).toBeLessThan(2_000);
    });

    test("an abort ends it with the signal's reason, before or during the request", async () => {
        loopback.handle = () => undefined;
        const before = new AbortController();
        before.abort(new Error("stopped before"));
        await expect(exchange(loopback.agent, request({ signal: before.signal }))).rejects.toThrow("stopped before");
        const during = new AbortController();
        const pending = exchange(loopback.agent, request({ signal: during.signal }));
        setTimeout(() => during.abort(new Error("stopped during")), 50);
        await expect(pending).rejects.toThrow("stopped during");
    });

    test("a dispatcher that throws at once rejects instead of throwing", async () => {
        await expect(exchange(loopback.agent, request({ origin: "not a url" }))).rejects.toThrow();
    });
});

describe("the client's per-request work", () => {
    const { emu, url } = useEmulatorPerTest();

    test("a cancel-and-confirm builds its operation's URL once, not once per request", async () => {
        const client = new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: { accessToken: "emulator-token" } });
        const name = "projects/my-project/locations/us-central1/operations/op-1";
        emu().add({ name });
        const built = jest.spyOn(endpointModule, "resourceUrl");
        try {
            const result = await client.cancelAndConfirm(name, { timeoutMs: 10_000 });
            expect(result).toMatchObject({ requests: 3, outcome: "CANCELLED" });
            expect(built).toHaveBeenCalledTimes(1);
            // A frozen reference parsed elsewhere is resolved once per client, then reused.
            const ref = client.resolveOperation(name).ref;
            expect(built).toHaveBeenCalledTimes(2);
            await client.getOperation(ref);
            await client.getOperation(ref);
            expect(emu().count({ rpc: "get" })).toBe(4);
            expect(built).toHaveBeenCalledTimes(2);
        } finally {
            built.mockRestore();
        }
    });

    test("options changed by the caller after the client was made do not reach it", () => {
        const options = { service: "clouddeploy", endpoint: url(), credentials: { accessToken: "emulator-token" } };
        const client = new OperationsClient(options);
        options.endpoint = "https://evil.example.com";
        expect(client.resolveOperation("projects/my-project/locations/us-central1/operations/op-1").url.startsWith(url())).toBe(true);
    });
});
