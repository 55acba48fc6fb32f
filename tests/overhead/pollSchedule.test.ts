/**
 * The default poll schedule against gcloud's and gax-nodejs' in the bench's deterministic simulation
 * (issue 10): detection sooner than gcloud and fewer GETs than gax in every bucket where both can hold;
 * where they cannot, the simulation shows why.
 */
import { DEFAULT_POLL } from "../../provider/google";
import { GAX, GCLOUD, buckets, ours, simulate } from "../../bench/pollSimulation";

const ALL = buckets(4_000);
/** Where no schedule of the client's form can meet both targets (shown below). */
const INFEASIBLE = new Set(["log-uniform 1–10 min", "fixed 0.2 s"]);

describe("default poll schedule (simulated, no wall clock)", () => {
    test.each(ALL.filter((b) => !INFEASIBLE.has(b.label)).map((b) => [b.label, b] as const))("%s: sooner than gcloud, fewer GETs than gax", (_label, bucket) => {
        const o = simulate(ours(), bucket);
        const g = simulate(GCLOUD, bucket);
        const x = simulate(GAX, bucket);
        expect(o.meanDelay).toBeLessThan(g.meanDelay);
        expect(o.p95Delay).toBeLessThanOrEqual(g.p95Delay);
        expect(o.meanGets).toBeLessThan(x.meanGets);
    });

    test("fixed 0.2 s: the client GETs at once then once more, as gax does (2 GETs); only sooner detection is possible", () => {
        const bucket = ALL.find((b) => b.label === "fixed 0.2 s")!;
        expect(simulate(ours(), bucket).meanGets).toBe(2);
        expect(simulate(GAX, bucket).meanGets).toBe(2);
        expect(simulate(ours(), bucket).meanDelay).toBeLessThan(simulate(GCLOUD, bucket).meanDelay);
    });

    test("1–10 min: no cap makes the schedule both sooner than gcloud and cheaper than gax", () => {
        const bucket = ALL.find((b) => b.label === "log-uniform 1–10 min")!;
        const g = simulate(GCLOUD, bucket);
        const x = simulate(GAX, bucket);
        for (let cap = 2_000; cap <= 60_000; cap += 1_000) {
            const r = simulate(ours({ ...DEFAULT_POLL, maxDelayMs: cap }), bucket);
            expect(r.meanDelay < g.meanDelay && r.meanGets < x.meanGets).toBe(false);
        }
        // The default is on the sooner side of that trade.
        expect(simulate(ours(), bucket).meanDelay).toBeLessThan(g.meanDelay);
    });
});
