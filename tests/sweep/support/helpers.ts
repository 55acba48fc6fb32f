/**
 * Shared setup of the sweep tests: an emulator per test and clients pointed at it.
 */
import { OperationsClient, SharedBackoff, type OperationsClientOptions } from "../../../provider/google";
import type { ScriptedOperation } from "../../../provider/testing";
import { useEmulatorPerTest } from "../../support/emulator";

export const TOKEN = "emulator-token";
export const PROJECT = "sweep-proj";
export const LOCATION = "us-central1";
export const PARENT = `projects/${PROJECT}/locations/${LOCATION}`;

/** `projects/sweep-proj/locations/us-central1/operations/{id}`. */
export const op = (id: string, parent = PARENT): string => `${parent}/operations/${id}`;

/** Scripted operations `{prefix}-0001`… with `extra` merged into each. */
export function many(count: number, prefix: string, extra: Partial<ScriptedOperation> = {}): ScriptedOperation[] {
    return Array.from({ length: count }, (_, i) => ({ name: op(`${prefix}-${String(i + 1).padStart(5, "0")}`), ...extra }));
}

/** Starts an emulator before each test of the file and stops it after. */
export const useEmulator = useEmulatorPerTest;

/** A client of the emulator with fast retries and polls (tests run on the wall clock). */
export function clientFor(url: string, extra: Partial<OperationsClientOptions> = {}): { client: OperationsClient; backoff: SharedBackoff } {
    const backoff = extra.backoff ?? new SharedBackoff();
    const client = new OperationsClient({
        endpoint: url,
        credentials: { accessToken: TOKEN },
        retry: { initialDelayMs: 20, maxDelayMs: 200 },
        poll: { initialDelayMs: 20, maxDelayMs: 100 },
        ...extra,
        backoff,
    });
    return { client, backoff };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
