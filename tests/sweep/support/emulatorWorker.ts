/**
 * An emulator in a worker thread (its own V8 heap), so that the main thread's heap measures the sweep
 * alone. workerData: `{ count, parents }` (`count` operations under each parent). Posts `{ url }` once listening; answers "report" with,
 * per parent, how many operations ended cancelled after exactly one cancel request; "stop" ends it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { OperationsEmulator } from "../../../provider/testing";

interface Data {
    count: number;
    parents: string[];
}

const { count, parents } = workerData as Data;
const names = parents.flatMap((parent) => Array.from({ length: count }, (_, i) => `${parent}/operations/mem-${String(i).padStart(6, "0")}`));
const emu = new OperationsEmulator({ maxPageSize: 500 });

void emu.start().then((url) => {
    emu.addMany(...names.map((name) => ({ name })));
    parentPort?.postMessage({ url });
});

parentPort?.on("message", (message: string) => {
    if (message === "report") {
        const cancels = new Map<string, number>();
        for (const r of emu.requests) if (r.rpc === "cancel" && r.operation) cancels.set(r.operation, (cancels.get(r.operation) ?? 0) + 1);
        const cancelledOnce = (parent: string) => names.filter((n) => n.startsWith(`${parent}/`)).filter((n) => cancels.get(n) === 1 && emu.get(n)?.error?.code === 1).length;
        parentPort?.postMessage(Object.fromEntries(parents.map((p) => [p, cancelledOnce(p)])));
    } else if (message === "stop") {
        void emu.stop().then(() => parentPort?.close());
    }
});
