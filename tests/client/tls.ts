import { connect as tlsConnect } from "node:tls";
import { Agent } from "undici";
import { TEST_CA_CERT } from "../../provider/testing";

/**
 * An undici agent that dials the emulator for every host while keeping the requested host name for
 * TLS (SNI and certificate check) and the Host header: like `curl --connect-to`, so a test can prove
 * where a request was addressed without DNS.
 */
export function connectToEmulator(port: number): Agent {
    return new Agent({
        connect: ((opts: { hostname: string }, callback: (err: Error | null, socket: unknown) => void) => {
            const socket = tlsConnect({ host: "127.0.0.1", port, servername: opts.hostname, ca: TEST_CA_CERT, ALPNProtocols: ["http/1.1"] });
            socket.once("secureConnect", () => callback(null, socket));
            socket.once("error", (err) => callback(err, null));
        }) as never,
    });
}
