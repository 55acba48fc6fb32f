/**
 * The bench's handle on the emulator process: each method is one IPC message, answered in order.
 */
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { Command, LogStats } from "./emulatorProtocol";

/** Every request to the emulator process is bounded in time: a wedged process fails the bench instead of hanging it. */
const COMMAND_TIMEOUT_MS = 60_000;

export class RemoteEmulator {
    private readonly child: ChildProcess;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
    private url = "";

    constructor() {
        this.child = fork(path.join(__dirname, "emulatorProcess.js"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
        this.child.on("message", (m: { id: number; value?: unknown; error?: string }) => {
            const p = this.pending.get(m.id);
            if (!p) return;
            this.pending.delete(m.id);
            clearTimeout(p.timer);
            if (m.error !== undefined) p.reject(new Error(`emulator process: ${m.error}`));
            else p.resolve(m.value);
        });
        this.child.on("exit", (code) => {
            for (const p of this.pending.values()) p.reject(new Error(`emulator process exited (${String(code)})`));
            this.pending.clear();
        });
    }

    /** The emulator process's id (for its CPU time). */
    get pid(): number | undefined {
        return this.child.pid;
    }

    private send<T>(command: Command): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`emulator process did not answer ${command.kind} within ${COMMAND_TIMEOUT_MS} ms`));
            }, COMMAND_TIMEOUT_MS);
            this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
            this.child.send({ id, command });
        });
    }

    /** A fresh emulator (the previous one is stopped), answering every request `latencyMs` late; resolves with its base URL. */
    async start(latencyMs: number, options: Record<string, unknown> = {}): Promise<string> {
        this.url = await this.send<string>({ kind: "start", options, latencyMs });
        return this.url;
    }

    get baseUrl(): string {
        return this.url;
    }

    /** Adds `count` running operations named `{parent}/operations/{prefix}-00001`…; resolves with their names. */
    async addRunning(parent: string, prefix: string, count: number, extra?: Record<string, unknown>): Promise<string[]> {
        await this.send({ kind: "addRunning", parent, prefix, count, ...(extra ? { extra } : {}) });
        return Array.from({ length: count }, (_, i) => `${parent}/operations/${prefix}-${String(i + 1).padStart(5, "0")}`);
    }

    stats(): Promise<LogStats> {
        return this.send({ kind: "stats" });
    }

    resetLog(): Promise<boolean> {
        return this.send({ kind: "resetLog" });
    }

    /** Stops the emulator and ends its process. */
    async close(): Promise<void> {
        try {
            await this.send({ kind: "stop" });
        } finally {
            this.child.disconnect();
            this.child.kill();
        }
    }
}
