/**
 * `resourceProgress` takes the host's engine log by default (the one `hostEngineLog` keeps on globalThis),
 * and the calm rate shows an unchanged status again only after 15 s, not 2 s. Survivors of mutation run 8
 * in progress.ts (docs/mutation.md).
 */
import type { EngineLog, LogEntry } from "../../provider/dynamic/engineLog";
import type { WaitProgress } from "../../provider/google/client";
import { progressReporter, resourceProgress } from "../../provider/dynamic/progress";
import { URN_KEY } from "../../provider/dynamic/urn";

const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationCancellation::x";
const OP = "projects/p/locations/us-central1/operations/op-1";
const SHARED_KEY = Symbol.for("pulumi-gcp-operations/engineLog.v1");

test("without a log given, the host's engine log (as hostEngineLog keeps it) takes the messages", async () => {
    const sent: LogEntry[] = [];
    const log: EngineLog = {
        address: "127.0.0.1:1",
        usable: true,
        send: async (entry) => {
            sent.push(entry);
            return true;
        },
        flush: async () => undefined,
        close: () => undefined,
    };
    const holder = globalThis as unknown as Record<symbol, unknown>;
    const before = holder[SHARED_KEY];
    holder[SHARED_KEY] = { log };
    try {
        const printed: string[] = [];
        const channel = resourceProgress({ [URN_KEY]: URN }, { print: (l) => printed.push(l) });
        channel.status("row", "line");
        await channel.outcome("done", "outcome line");
        expect(sent).toEqual([
            { severity: "info", message: "row", urn: URN, ephemeral: true },
            { severity: "info", message: "done", urn: URN, ephemeral: false },
        ]);
        expect(printed).toEqual([]);
    } finally {
        if (before === undefined) delete holder[SHARED_KEY];
        else holder[SHARED_KEY] = before;
    }
});

test("an unchanged status is not shown again 5 s later, only at 15 s", () => {
    let now = 100_000;
    const lines: string[] = [];
    const report = progressReporter("cancel", (l) => lines.push(l), () => now);
    const progress = (elapsedMs: number): WaitProgress => ({ name: OP, operation: { name: OP }, elapsedMs, polls: 1, statusMessage: "aborting" });
    report(progress(1_000));
    now += 5_000;
    report(progress(6_000));
    now += 10_000;
    report(progress(16_000));
    expect(lines).toEqual([`cancel: ${OP}: still running after 1.0s (aborting)`, `cancel: ${OP}: still running after 16.0s (aborting)`]);
});
