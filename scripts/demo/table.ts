/** Plain, aligned text tables for people (no colours, so logs and CI keep them readable). */

/**
 * Formats rows under a header, each column padded to its widest cell, two spaces apart.
 *
 * @param header - Column titles.
 * @param rows - Cells, one array per row, as many as the header.
 * @param indent - Spaces before every line.
 */
export function table(header: string[], rows: string[][], indent = 2): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]): string =>
        " ".repeat(indent) +
        cells
            .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
