/**
 * The exchange's edges (mutants that survived the mutation run, docs/mutation.md), against a real server on
 * loopback: limits exact to the byte, informational and 300 answers, the connection given up when an exchange
 * fails, no abort listener left behind on a long-lived signal, and the errors' own names and messages.
 */
import { getEventListeners } from "node:events";
import type { Socket } from "node:net";
import { BodyTooLargeError, ExchangeTimeoutError, exchange, type ExchangeRequest } from "../../provider/google/exchange";
import { useLoopbackServer } from "../support/loopbackServer";

describe("exchange edges", () => {
    const loopback = useLoopbackServer();

    const request = (extra: Partial<ExchangeRequest> = {}): ExchangeRequest => ({ origin: loopback.origin, path: "/x", method: "GET", headers: {}, timeoutMs: 2_000, maxBytes: 1024, ...extra });
    const failure = (req: ExchangeRequest) => exchange(loopback.agent, req).then(() => undefined, (e: unknown) => e as Error);

    test("a body of exactly maxBytes is read, declared or streamed; one byte more is refused", async () => {
        for (const declared of [true, false]) {
            for (const size of [1024, 1025]) {
                loopback.handle = (_req, res) => {
                    res.writeHead(200, declared ? { "content-length": String(size) } : {});
                    res.write("a".repeat(size - 1));
                    res.end("b");
                };
                if (size === 1024) {
                    await expect(exchange(loopback.agent, request())).resolves.toMatchObject({ statusCode: 200, text: `${"a".repeat(1023)}b` });
                } else {
                    const err = await failure(request());
                    expect(err).toBeInstanceOf(BodyTooLargeError);
                    expect(err?.message).toBe(declared ? "the body declares 1025 bytes" : "the body grew past the limit");
                    expect(err?.name).toBe("BodyTooLargeError");
                }
            }
        }
    });

    test("an informational answer (103 Early Hints) is passed over for the final one", async () => {
        loopback.handle = (_req, res) => {
            res.writeEarlyHints({ link: "</style.css>; rel=preload; as=style" }, () => res.end('{"done":true}'));
        };
        await expect(exchange(loopback.agent, request())).resolves.toMatchObject({ statusCode: 200, text: '{"done":true}' });
    });

    test("300 is a redirect too: answered at its headers, no body read", async () => {
        loopback.handle = (_req, res) => {
            res.writeHead(300, { location: "https://elsewhere.example/" });
            res.write("never read");
        };
        await expect(exchange(loopback.agent, request())).resolves.toMatchObject({ statusCode: 300, text: "" });
    });

    /** True when the server's side of `socket` closes within `ms`. */
    const closesWithin = (socket: Socket | undefined, ms: number) =>
        new Promise<boolean>((resolve) => {
            if (socket?.destroyed) return resolve(true);
            const timer = setTimeout(() => resolve(false), ms);
            socket?.once("close", () => {
                clearTimeout(timer);
                resolve(true);
            });
        });

    test("an exchange that times out gives its connection up (the server sees it close), with the error's own name and message", async () => {
        let served: Socket | undefined;
        loopback.handle = (req, res) => {
            served = req.socket;
            res.writeHead(200);
            res.write("{");
        };
        const err = await failure(request({ timeoutMs: 1_000 }));
        expect(err).toBeInstanceOf(ExchangeTimeoutError);
        expect(err?.name).toBe("ExchangeTimeoutError");
        expect(err?.message).toBe("no complete answer within 1000 ms");
        expect(served).toBeDefined();
        expect(await closesWithin(served, 2_000)).toBe(true);
    });

    test("an exchange aborted mid-body, or refused for its declared size, gives its connection up at once, not at its timeout", async () => {
        for (const how of ["abort", "too large"] as const) {
            let served: Socket | undefined;
            const controller = new AbortController();
            loopback.handle = (req, res) => {
                served = req.socket;
                if (how === "too large") {
                    res.writeHead(200, { "content-length": "5000" });
                    res.write("x".repeat(100));
                } else {
                    res.writeHead(200);
                    // Aborted once the body has begun.
                    res.write("{", () => setTimeout(() => controller.abort(new Error("interrupted")), 50));
                }
            };
            const err = await failure(request({ timeoutMs: 10_000, signal: controller.signal }));
            expect(err?.message).toBe(how === "abort" ? "interrupted" : "the body declares 5000 bytes");
            expect(served).toBeDefined();
            expect(await closesWithin(served, 2_000)).toBe(true);
        }
    });

    test("one signal shared by many exchanges (a sweep's) keeps no listener once each ends, however it ended", async () => {
        const controller = new AbortController();
        loopback.handle = (req, res) => {
            if (req.url === "/slow") return void res.writeHead(200).write("{");
            if (req.url === "/big") return void res.writeHead(200, { "content-length": "5000" }).end("x".repeat(5000));
            res.end("{}");
        };
        for (let i = 0; i < 20; i++) await exchange(loopback.agent, request({ signal: controller.signal }));
        expect(await failure(request({ signal: controller.signal, path: "/slow", timeoutMs: 100 }))).toBeInstanceOf(ExchangeTimeoutError);
        expect(await failure(request({ signal: controller.signal, path: "/big" }))).toBeInstanceOf(BodyTooLargeError);
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    });

    test("an abort at once after the exchange starts (before its request is under way) keeps the request from being sent", async () => {
        let received = 0;
        loopback.handle = (_req, res) => {
            received++;
            res.end("{}");
        };
        const controller = new AbortController();
        const pending = failure(request({ signal: controller.signal }));
        controller.abort(new Error("at once"));
        expect((await pending)?.message).toBe("at once");
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(received).toBe(0);
    });

    test("an abort whose reason is not an Error ends it with a plain \"aborted\"", async () => {
        loopback.handle = () => undefined;
        const controller = new AbortController();
        const pending = failure(request({ signal: controller.signal }));
        setTimeout(() => controller.abort("a string reason"), 50);
        const err = await pending;
        expect(err).toBeInstanceOf(Error);
        expect(err?.message).toBe("aborted");
    });
});
