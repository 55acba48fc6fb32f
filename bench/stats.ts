/** Deterministic randomness and order statistics for the bench. */

/** A seeded PRNG (mulberry32): the same seed gives the same sequence in [0, 1). The emulator's own. */
export { seededRandom as mulberry32 } from "../provider/testing/prng";

/** The q-quantile (0..1) by linear interpolation; NaN for no values. */
export function quantile(values: number[], q: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median and interquartile range of samples. */
export interface Summary {
    n: number;
    median: number;
    p25: number;
    p75: number;
}

export function summarize(values: number[]): Summary {
    return { n: values.length, median: quantile(values, 0.5), p25: quantile(values, 0.25), p75: quantile(values, 0.75) };
}
