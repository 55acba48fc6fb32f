/**
 * Shared by the in-process suites of the dynamic providers.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { EngineLog, LogEntry } from "../../provider/dynamic/engineLog";

/** What a provider's check refuses in `news` (a Cloud Deploy target unless told otherwise), as property → reason. */
export async function checkFailures(provider: pulumi.dynamic.ResourceProvider, news: Record<string, unknown>): Promise<Record<string, string>> {
    const result = await provider.check!({}, { service: "clouddeploy", ...news });
    return Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
}

/** The lists a sweep records, each empty. */
export const EMPTY_SWEEP_LISTS = { matched: [], cancelled: [], alreadyDone: [], ended: [], stillRunning: [], failures: [], cancelRequested: [] };

/** A sweep's counts, each zero. */
export const EMPTY_SWEEP_COUNTS = { listed: 0, matched: 0, cancelled: 0, alreadyDone: 0, ended: 0, running: 0, failed: 0, skipped: 0 };

/** An engine log that records what it is sent and answers `delivers` to each message. */
export function recordingEngineLog(delivers: boolean): EngineLog & { sent: LogEntry[] } {
    const sent: LogEntry[] = [];
    return {
        address: "127.0.0.1:1",
        sent,
        usable: true,
        send: async (entry) => {
            sent.push(entry);
            return delivers;
        },
        flush: async () => undefined,
        close: () => undefined,
    };
}

/** The key under which `hostEngineLog` keeps this process's engine log (engineLog.ts). */
const HOST_ENGINE_LOG_KEY = Symbol.for("pulumi-gcp-operations/engineLog.v1");

/** Makes `log` the host's engine log, as `hostEngineLog` finds it; returns the function that puts back the one before. */
export function installHostEngineLog(log: EngineLog): () => void {
    const holder = globalThis as unknown as Record<symbol, unknown>;
    const before = holder[HOST_ENGINE_LOG_KEY];
    holder[HOST_ENGINE_LOG_KEY] = { log };
    return () => {
        if (before === undefined) delete holder[HOST_ENGINE_LOG_KEY];
        else holder[HOST_ENGINE_LOG_KEY] = before;
    };
}
