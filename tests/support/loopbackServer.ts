/**
 * A plain HTTP server on loopback for one test file, whose handler each test sets, and a fresh undici Agent
 * per test (destroyed after it): for tests of what the client does with answers a real server sends.
 */
import * as http from "node:http";
import { Agent } from "undici";
import { listenOnLoopback } from "./listenOnLoopback";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface LoopbackServer {
    /** `http://127.0.0.1:{port}` */
    readonly origin: string;
    /** This test's agent. */
    readonly agent: Agent;
    /** What the server does with each request (set by each test). */
    handle: Handler;
}

/** Starts the server before the file's tests and stops it after; an agent per test. */
export function useLoopbackServer(): LoopbackServer {
    let server: http.Server;
    let origin = "";
    let agent: Agent | undefined;
    const loopback: LoopbackServer = {
        get origin() {
            return origin;
        },
        get agent() {
            if (!agent) throw new Error("the agent exists only while a test runs");
            return agent;
        },
        handle: (_req, res) => void res.end(),
    };
    beforeAll(async () => {
        server = http.createServer((req, res) => loopback.handle(req, res));
        origin = await listenOnLoopback(server);
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    });
    beforeEach(() => {
        agent = new Agent();
    });
    afterEach(async () => {
        await agent?.destroy();
        agent = undefined;
    });
    return loopback;
}
