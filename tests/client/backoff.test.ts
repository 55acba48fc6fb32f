/**
 * The retry backoff is exponential, and the client really waits it: asserted with lower bounds only (a
 * loaded machine can only make the gaps longer), with the jitter pinned to its top.
 */
import { backoffDelay, DEFAULT_RETRY, type RetryOptions } from "../../provider/google/retry";
import { DEPLOY_OP, useEmulator } from "./support";

const RETRY: RetryOptions = { ...DEFAULT_RETRY, maxAttempts: 4, initialDelayMs: 200, maxDelayMs: 5_000, multiplier: 2 };

test.each([
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1600],
    [10, 5000],
])("attempt %i waits up to its exponential ceiling (%i ms) before the next", (attempt, ceiling) => {
    expect(backoffDelay(RETRY, attempt, () => 1)).toBe(ceiling);
    // The jitter never goes below half the ceiling.
    expect(backoffDelay(RETRY, attempt, () => 0)).toBe(ceiling / 2);
});

describe("over HTTP", () => {
    const { emu, client } = useEmulator();

    test("three 503s in a row: the gaps between attempts grow 200, 400, 800 ms", async () => {
        emu().add({ name: DEPLOY_OP });
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "UNAVAILABLE" }, times: 3 });
        const operation = await client({ retry: RETRY, random: () => 1 }).getOperation(DEPLOY_OP, { timeoutMs: 20_000 });
        expect(operation.name).toBe(DEPLOY_OP);
        const at = emu().requests.filter((r) => r.rpc === "get").map((r) => r.at);
        expect(at).toHaveLength(4);
        const gaps = at.slice(1).map((t, i) => t - at[i]!);
        // Timer granularity can fire a few ms early relative to the server's clock: allow 15 ms.
        expect(gaps[0]).toBeGreaterThanOrEqual(200 - 15);
        expect(gaps[1]).toBeGreaterThanOrEqual(400 - 15);
        expect(gaps[2]).toBeGreaterThanOrEqual(800 - 15);
    });
});
