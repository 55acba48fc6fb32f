/**
 * A real CONNECT proxy on loopback that tunnels every request to one local port (the emulator's), as an
 * `HTTPS_PROXY` would reach Google: tests see the host names clients asked for, in `connects`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect as netConnect } from "node:net";

/** The running proxy. */
export interface ConnectProxy {
    readonly server: Server;
    /** `host:port` of every CONNECT, in order. */
    readonly connects: string[];
    /** `http://127.0.0.1:PORT`, for HTTPS_PROXY. */
    readonly url: string;
    close(): Promise<void>;
}

/** Starts a proxy that tunnels every CONNECT to `127.0.0.1:targetPort`. */
export async function startConnectProxy(targetPort: number): Promise<ConnectProxy> {
    const connects: string[] = [];
    const server = createServer((_req, res) => res.writeHead(405).end());
    server.on("connect", (req, client, head) => {
        connects.push(String(req.url));
        const upstream = netConnect(targetPort, "127.0.0.1", () => {
            client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
            upstream.write(head);
            upstream.pipe(client);
            client.pipe(upstream);
        });
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        server,
        connects,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => {
            server.closeAllConnections();
            return new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}
