/**
 * One sweep by the client or by the floor. Each side's modules are loaded only when it runs, so that a
 * fresh process measuring the floor's memory never loads the client (and the reverse).
 */

export type SweepMode = "client" | "floor";

/** Never a run longer than this. */
export const RUN_CEILING_MS = 180_000;

/** Sweeps every operation under `parent` at `url`; resolves with the operations confirmed cancelled. */
export async function sweepOnce(mode: SweepMode, url: string, parent: string, concurrency: number): Promise<number> {
    if (mode === "floor") {
        const { floorPool, floorSweep } = await import("./floor");
        const pool = floorPool(url, concurrency + 1);
        try {
            return await floorSweep(pool, parent, concurrency);
        } finally {
            await pool.close();
        }
    }
    const { OperationsClient } = await import("../provider/google");
    const { sweepOperations } = await import("../provider/sweep/index");
    const client = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: "emulator-token" } });
    const result = await sweepOperations(client, { parent, maxConcurrency: concurrency, pageSize: 100, retainItems: "unresolved", timeoutMs: RUN_CEILING_MS });
    return result.counts.cancelled;
}
