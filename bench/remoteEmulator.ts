/**
 * The main thread's handle on the emulator worker: each method is one message, answered in order.
 */
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { Command, LogStats } from "./emulatorProtocol";

/** Every request to the worker is bounded in time: a wedged worker fails the bench instead of hanging it. */
const COMMAND_TIMEOUT_MS = 30_000;

export class RemoteEmulator {
    private readonly worker: Worker;
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
    private url = "";

    constructor() {
        this.worker = new Worker(path.join(__dirname, "emulatorWorker.js"));
        this.worker.on("message", (m: { id: number; value?: unknown; error?: string }) => {
            const p = this.pending.get(m.id);
            if (!p) return;
            this.pending.delete(m.id);
            clearTimeout(p.timer);
            if (m.error !== undefined) p.reject(new Error(`emulator worker: ${m.error}`));
            else p.resolve(m.value);
        });
        this.worker.on("error", (err) => {
            for (const p of this.pending.values()) p.reject(err);
            this.pending.clear();
        });
    }

    private send<T>(command: Command): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`emulator worker did not answer ${command.kind} within ${COMMAND_TIMEOUT_MS} ms`));
            }, COMMAND_TIMEOUT_MS);
            this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
            this.worker.postMessage({ id, command });
        });
    }

    /** A fresh emulator (the previous one, if any, is stopped); resolves with its base URL. */
    async start(options: Record<string, unknown> = {}): Promise<string> {
        this.url = await this.send<string>({ kind: "start", options });
        return this.url;
    }

    get baseUrl(): string {
        return this.url;
    }

    add(operations: Array<Record<string, unknown> & { name: string }>): Promise<number> {
        return this.send({ kind: "add", operations });
    }

    /** Injects `rule` now and removes it after `ms`. */
    storm(rule: Record<string, unknown>, ms: number): Promise<{ startedAt: number; endsAt: number }> {
        return this.send({ kind: "storm", rule, ms });
    }

    stats(from?: number, to?: number): Promise<LogStats> {
        return this.send({ kind: "stats", ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
    }

    resetLog(): Promise<boolean> {
        return this.send({ kind: "resetLog" });
    }

    /** Stops the emulator and ends the worker. */
    async close(): Promise<void> {
        try {
            await this.send({ kind: "stop" });
        } finally {
            await this.worker.terminate();
        }
    }
}
