/**
 * A hostile HTTP/1.1 server of the tests' own, on a raw `net` socket, so it can do what no well-behaved
 * server library would: never answer, stall a body, close mid-body, stream forever, lie about types.
 * Each connection's requests are parsed just enough (request line, headers, Content-Length body) and
 * handed to the scenario, which writes whatever bytes it likes.
 */
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

/** One request as the hostile server read it. */
export interface RawRequest {
    method: string;
    /** The request target exactly as sent (`/v1/projects/...?...`). */
    target: string;
    headers: Record<string, string>;
    body: string;
    /** Requests on this server so far, this one included. */
    index: number;
}

/** What a scenario does with one request: write to the socket (and end it, or not). */
export type Scenario = (socket: Socket, request: RawRequest) => void;

/** A running hostile server. */
export interface HostileServer {
    url: string;
    requests: RawRequest[];
    close(): Promise<void>;
}

/** Starts a hostile server on 127.0.0.1 that answers every request with `scenario`. */
export async function hostileServer(scenario: Scenario): Promise<HostileServer> {
    const sockets = new Set<Socket>();
    const requests: RawRequest[] = [];
    const server: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => undefined);
        let buffer = Buffer.alloc(0);
        const onData = (chunk: Buffer) => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const end = buffer.indexOf("\r\n\r\n");
                if (end < 0) return;
                const head = buffer.subarray(0, end).toString("latin1").split("\r\n");
                const [method, target] = head[0].split(" ");
                const headers: Record<string, string> = {};
                for (const line of head.slice(1)) {
                    const colon = line.indexOf(":");
                    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
                }
                const length = Number(headers["content-length"] ?? 0);
                if (buffer.length < end + 4 + length) return;
                const body = buffer.subarray(end + 4, end + 4 + length).toString("utf8");
                buffer = buffer.subarray(end + 4 + length);
                const request: RawRequest = { method, target, headers, body, index: requests.length + 1 };
                requests.push(request);
                scenario(socket, request);
            }
        };
        socket.on("data", onData);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        url,
        requests,
        close: async () => {
            for (const s of sockets) s.destroy();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

/** Writes a complete HTTP/1.1 answer. */
export function answer(socket: Socket, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
    if (socket.destroyed) return;
    const payload = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? "Status"}`, `content-length: ${payload.length}`, "content-type: application/json", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    socket.write(payload);
}

/** Writes a JSON answer. */
export function answerJson(socket: Socket, status: number, value: unknown, headers: Record<string, string> = {}): void {
    answer(socket, status, JSON.stringify(value), headers);
}

/**
 * Streams a chunked 200 body forever (until the client goes away): `chunk` bytes every `everyMs`.
 * The body starts as a JSON object so that only its size is wrong.
 */
export function endlessBody(socket: Socket, chunkBytes = 256 * 1024, everyMs = 5): void {
    socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
    const piece = Buffer.from(`{"name":"${"x".repeat(chunkBytes)}`);
    const filler = Buffer.alloc(chunkBytes, 0x61);
    let first = true;
    const timer = setInterval(() => {
        if (socket.destroyed || socket.writableEnded) return clearInterval(timer);
        const data = first ? piece : filler;
        first = false;
        socket.write(`${data.length.toString(16)}\r\n`);
        socket.write(data);
        socket.write("\r\n");
    }, everyMs);
    socket.on("close", () => clearInterval(timer));
}

const REASONS: Record<number, string> = { 200: "OK", 302: "Found", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 502: "Bad Gateway", 503: "Service Unavailable" };
