/**
 * The Operations emulator in its own process, so that the client (or floor) under measurement and the
 * server never share a thread or a heap. Driven over IPC by {@link RemoteEmulator}; exits when its
 * parent goes away.
 */
import { OperationsEmulator, type EmulatorOptions } from "../provider/testing";
import type { Command, LogStats } from "./emulatorProtocol";

let emu: OperationsEmulator | undefined;

function current(): OperationsEmulator {
    if (!emu) throw new Error("emulator not started");
    return emu;
}

function stats(): LogStats {
    const result: LogStats = { total: 0, get: 0, cancel: 0, list: 0 };
    for (const entry of current().requests) {
        result.total++;
        if (entry.rpc === "get") result.get++;
        else if (entry.rpc === "cancel") result.cancel++;
        else if (entry.rpc === "list") result.list++;
    }
    return result;
}

async function handle(command: Command): Promise<unknown> {
    switch (command.kind) {
        case "start": {
            if (emu) await emu.stop();
            emu = new OperationsEmulator(command.options as EmulatorOptions);
            const url = await emu.start();
            // Injected latency: every request waits this long, then is answered normally.
            if (command.latencyMs > 0) emu.injectFault({ fault: { kind: "delay", ms: command.latencyMs } });
            return url;
        }
        case "addRunning": {
            const names = Array.from({ length: command.count }, (_, i) => ({ name: `${command.parent}/operations/${command.prefix}-${String(i + 1).padStart(5, "0")}`, ...(command.extra ?? {}) }));
            current().addMany(...names);
            return names.length;
        }
        case "stats":
            return stats();
        case "resetLog":
            current().resetLog();
            return true;
        case "stop":
            await emu?.stop();
            emu = undefined;
            return true;
    }
}

process.on("message", (message: { id: number; command: Command }) => {
    handle(message.command).then(
        (value) => process.send?.({ id: message.id, value }),
        (err: unknown) => process.send?.({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
process.on("disconnect", () => process.exit(0));
