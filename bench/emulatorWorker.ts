/**
 * The Operations emulator in a worker thread, so that the client under measurement and the server do
 * not share one event loop (the machine may have as few as 2 CPUs). Driven by {@link RemoteEmulator}.
 */
import { parentPort } from "node:worker_threads";
import { OperationsEmulator, type EmulatorOptions, type FaultRule, type ScriptedOperation } from "../provider/testing";
import type { Command, LogStats } from "./emulatorProtocol";

let emu: OperationsEmulator | undefined;
let stormTimer: NodeJS.Timeout | undefined;

function current(): OperationsEmulator {
    if (!emu) throw new Error("emulator not started");
    return emu;
}

function stats(from?: number, to?: number): LogStats {
    const result: LogStats = { total: 0, get: 0, cancel: 0, list: 0, throttled: 0, firstAt: 0, lastAt: 0 };
    for (const entry of current().requests) {
        if (from !== undefined && entry.at < from) continue;
        if (to !== undefined && entry.at >= to) continue;
        result.total++;
        if (entry.rpc === "get") result.get++;
        else if (entry.rpc === "cancel") result.cancel++;
        else if (entry.rpc === "list") result.list++;
        if (entry.status === 429) result.throttled++;
        if (!result.firstAt) result.firstAt = entry.at;
        result.lastAt = entry.at;
    }
    return result;
}

async function handle(command: Command): Promise<unknown> {
    switch (command.kind) {
        case "start": {
            if (emu) await emu.stop();
            emu = new OperationsEmulator(command.options as EmulatorOptions);
            return emu.start();
        }
        case "add":
            current().addMany(...(command.operations as ScriptedOperation[]));
            return command.operations.length;
        case "storm": {
            // A quota exhausted for a while: the rule fires only between `startedAt` and `endsAt`.
            const e = current();
            e.injectFault(command.rule as FaultRule);
            const startedAt = Date.now();
            stormTimer = setTimeout(() => e.clearFaults(), command.ms);
            return { startedAt, endsAt: startedAt + command.ms };
        }
        case "stats":
            return stats(command.from, command.to);
        case "resetLog":
            current().resetLog();
            return true;
        case "stop":
            if (stormTimer) clearTimeout(stormTimer);
            await emu?.stop();
            emu = undefined;
            return true;
    }
}

parentPort?.on("message", (message: { id: number; command: Command }) => {
    handle(message.command).then(
        (value) => parentPort?.postMessage({ id: message.id, value }),
        (err: unknown) => parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
