/**
 * The emulator under Google's own host names, with no endpoint override: TLS with the test CA, reached
 * either through an undici agent that dials it for every host (in-process clients) or through a real
 * CONNECT proxy (`HTTPS_PROXY`) with the CA trusted through `NODE_EXTRA_CA_CERTS` (child processes: the
 * CLI, the dynamic-provider host). Every request the emulator sees records the host it was addressed to.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { connect as tlsConnect } from "node:tls";
import { Agent } from "undici";
import { OperationsEmulator, TEST_CA_CERT, type EmulatorOptions } from "../../../provider/testing";
import { startConnectProxy } from "../../support/connectProxy";

/** A running TLS emulator, a CONNECT proxy in front of it, and the environment that routes a child process there. */
export interface GoogleHosts {
    emu: OperationsEmulator;
    /** An undici agent that reaches the emulator under any host name (for in-process clients). */
    dispatcher(): Agent;
    /** `HTTPS_PROXY` and `NODE_EXTRA_CA_CERTS` for a child process. */
    env: Record<string, string>;
    /** Hosts (`host:443`) the proxy was asked to tunnel to. */
    connects: string[];
    stop(): Promise<void>;
}

/** Starts it all. */
export async function startGoogleHosts(options: EmulatorOptions = {}): Promise<GoogleHosts> {
    const emu = new OperationsEmulator({ ...options, tls: true });
    const port = Number(new URL(await emu.start()).port);
    const proxy = await startConnectProxy(port);
    const connects = proxy.connects;
    const dir = mkdtempSync(path.join(tmpdir(), "gcpops-ca-"));
    const caFile = path.join(dir, "ca.pem");
    writeFileSync(caFile, TEST_CA_CERT);
    const agents: Agent[] = [];
    return {
        emu,
        connects,
        env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: "" },
        dispatcher: () => {
            const agent = new Agent({
                connect: ((opts: { hostname: string }, callback: (err: Error | null, socket: unknown) => void) => {
                    const socket = tlsConnect({ host: "127.0.0.1", port, servername: opts.hostname, ca: TEST_CA_CERT, ALPNProtocols: ["http/1.1"] });
                    socket.once("secureConnect", () => callback(null, socket));
                    socket.once("error", (err) => callback(err, null));
                }) as never,
            });
            agents.push(agent);
            return agent;
        },
        stop: async () => {
            await Promise.all(agents.map((a) => a.close()));
            await proxy.close();
            await emu.stop();
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
