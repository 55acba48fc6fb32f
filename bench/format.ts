/** Small helpers for the bench output: ratios, durations, aligned tables and time ceilings. */

/** `×0.97`: value / base with two decimals (the bench's ratios are near 1, where one decimal hides everything). */
export function exactRatio(value: number, base: number): string {
    if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return "×—";
    return `×${(value / base).toFixed(2)}`;
}

/** `×1.8`; `×—` when the base is zero or a value is missing. */
export function ratio(value: number, base: number): string {
    if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return value === base ? "×1.0" : "×—";
    const r = value / base;
    return `×${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}`;
}

/** Seconds with sensible precision: `0.003 s`, `0.63 s`, `12.4 s`. */
export function seconds(ms: number): string {
    const s = ms / 1000;
    if (s < 0.1) return `${s.toFixed(3)} s`;
    if (s < 10) return `${s.toFixed(2)} s`;
    return `${s.toFixed(1)} s`;
}

export function int(n: number): string {
    return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—";
}

/** An aligned table: first column left, the others right. */
export function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) =>
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function heading(title: string): void {
    console.log(`\n=== ${title} ${"=".repeat(Math.max(3, 96 - title.length))}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms`: every bench step has a ceiling, so a bug cannot hang the run. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    });
    try {
        return await Promise.race([promise, limit]);
    } finally {
        clearTimeout(timer);
    }
}

/** `PASS` or `MISS` beside a target; a miss never fails anything (performance is not asserted). */
export function mark(ok: boolean): string {
    return ok ? "PASS" : "MISS";
}

/** `12.3 ms` / `456 µs`: durations for the single-request tables. */
export function ms(value: number): string {
    if (!Number.isFinite(value)) return "—";
    return value >= 1 ? `${value.toFixed(value >= 100 ? 0 : 2)} ms` : `${(value * 1000).toFixed(0)} µs`;
}
