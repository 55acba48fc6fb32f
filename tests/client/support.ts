import { OperationsClient, type ListOperationsResponse, type OperationsClientOptions } from "../../provider/google";
import type { EmulatorOptions } from "../../provider/testing";
import { useEmulatorPerTest } from "../support/emulator";

export const TOKEN = "emulator-token";
export const DEPLOY_OP = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

/** A fast poll schedule and retry policy so tests take milliseconds, not seconds. */
export const FAST: Pick<OperationsClientOptions, "poll" | "retry"> = {
    poll: { initialDelayMs: 20, multiplier: 1.5, maxDelayMs: 100, jitter: 0.2 },
    retry: { maxAttempts: 4, initialDelayMs: 10, maxDelayMs: 50 },
};

/** Starts an emulator per test and gives a client pointed at it. */
export function useEmulator(options: EmulatorOptions = {}) {
    const { emu } = useEmulatorPerTest(options);
    return {
        emu,
        client: (extra: OperationsClientOptions = {}) =>
            new OperationsClient({ service: "clouddeploy", endpoint: emu().url, credentials: { accessToken: TOKEN }, ...FAST, ...extra }),
    };
}

/** The elapsed time an answer reports lies between 0 and what the test measured around the call. */
export function expectElapsedWithin(elapsedMs: number, measuredMs: number): void {
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
    expect(elapsedMs).toBeLessThanOrEqual(measuredMs);
}

/** Runs `run` and measures it with the test's own clock. */
export async function timed<T>(run: () => Promise<T>): Promise<{ value: T; measuredMs: number }> {
    const started = Date.now();
    const value = await run();
    return { value, measuredMs: Date.now() - started };
}

/** Every page of a listing, in order. */
export async function pagesOf(listing: AsyncGenerator<ListOperationsResponse>): Promise<ListOperationsResponse[]> {
    const pages: ListOperationsResponse[] = [];
    for await (const page of listing) pages.push(page);
    return pages;
}
