/**
 * What the shared dispatcher is built with, seen from outside: the extra CA reaches the TLS handshake of
 * the plain agent, each CA gets its own agent, and one origin gets at most 64 connections.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { request } from "undici";
import { OperationsClient } from "../../provider/google";
import { sharedDispatcher } from "../../provider/google/dispatcher";
import { OperationsEmulator, TEST_CA_CERT } from "../../provider/testing";
import { listenOnLoopback } from "../support/listenOnLoopback";
import { useClearedProxyEnvironment } from "../support/proxyEnvironment";

const OPERATION = "projects/my-proj/locations/us-central1/operations/operation-1";
const TOKEN = "emulator-token";
const FAST_RETRY = { retry: { maxAttempts: 1 } };

describe("the shared dispatcher's options", () => {
    useClearedProxyEnvironment();

    test("without a proxy, the client's ca is trusted in the TLS handshake, and without it the same endpoint is refused", async () => {
        const emu = new OperationsEmulator({ tls: true });
        const url = await emu.start();
        emu.add({ name: OPERATION });
        try {
            expect(url.startsWith("https://127.0.0.1:")).toBe(true);
            const trusting = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: TOKEN }, ca: TEST_CA_CERT, ...FAST_RETRY });
            expect((await trusting.getOperation(OPERATION)).name).toBe(OPERATION);
            const untrusting = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: TOKEN }, ...FAST_RETRY });
            await expect(untrusting.getOperation(OPERATION)).rejects.toThrow(/certificate/i);
            expect(emu.count({ rpc: "get" })).toBe(1);
        } finally {
            await emu.stop();
        }
    });

    test("two different CAs are two dispatchers, the same CA one", () => {
        const first = "-----BEGIN CERTIFICATE-----\nfirst\n-----END CERTIFICATE-----";
        const second = "-----BEGIN CERTIFICATE-----\nsecond\n-----END CERTIFICATE-----";
        const firstDispatcher = sharedDispatcher(first);
        expect(sharedDispatcher(second)).not.toBe(firstDispatcher);
        expect(sharedDispatcher(first)).toBe(firstDispatcher);
    });

    test("at most 64 connections to one origin, however many requests are in flight", async () => {
        const sockets = new Set<unknown>();
        const held: ServerResponse[] = [];
        let release: () => void = () => undefined;
        const allHeld = new Promise<void>((resolve) => (release = resolve));
        const server = createServer((req: IncomingMessage, res: ServerResponse) => {
            sockets.add(req.socket);
            held.push(res);
            if (held.length === 64) release();
        });
        const origin = await listenOnLoopback(server);
        process.env.NO_PROXY = "127.0.0.1";
        const dispatcher = sharedDispatcher();
        try {
            const requests = Array.from({ length: 70 }, (_, i) => request(`${origin}/${i}`, { dispatcher }).then((r) => r.body.text()));
            await allHeld;
            // Give a 65th connection the time to arrive if the agent would open one.
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(sockets.size).toBe(64);
            expect(held).toHaveLength(64);
            const answerAll = setInterval(() => held.splice(0).forEach((res) => res.end("ok")), 10);
            try {
                expect(await Promise.all(requests)).toEqual(Array(70).fill("ok"));
            } finally {
                clearInterval(answerAll);
            }
            expect(sockets.size).toBe(64);
        } finally {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
        }
    });
});
