/**
 * Output for people (aligned tables) and for machines (one JSON document on stdout).
 */
import { statusMessageOf } from "../google/client";
import { outcomeOf } from "../google/outcome";
import type { Operation } from "../google/types";

/** Where a command writes. Commands take it as a parameter so that nothing else writes to stdout. */
export interface Io {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The process's own streams. */
export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/*
 * Text from a server (error messages, metadata) can carry terminal control sequences (`ESC]0;…BEL` retitles
 * the window, `ESC[2J` clears it) and bidirectional overrides that reorder what is shown. People's output
 * shows them as visible escapes instead.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CELL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(c: string): string {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Text for a terminal: control and bidi characters become visible `\uXXXX`; line breaks are kept. */
export function terminalSafe(text: string): string {
    return text.replace(TERMINAL_CONTROLS, visibleEscape);
}

/** Text for one table cell or one line: every control character, line breaks included, made visible. */
export function cellSafe(text: string): string {
    return text.replace(CELL_CONTROLS, visibleEscape);
}

/**
 * Writes exactly one JSON document (and a newline) to stdout. JSON escapes C0 controls already; C1 controls
 * and bidi overrides, which JSON leaves raw, are escaped too, so the document is safe on a terminal.
 */
export function writeJson(io: Io, value: unknown): void {
    const text = JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, visibleEscape);
    io.stdout.write(`${text}\n`);
}

/** Renders rows under a header as left-aligned columns separated by two spaces; cells are made terminal-safe. */
export function formatTable(header: string[], unsafeRows: string[][]): string {
    const rows = unsafeRows.map((r) => r.map(cellSafe));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
            .join("  ")
            .trimEnd();
    return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** Renders `key  value` pairs, keys aligned; pairs without a value are left out. */
export function formatFields(pairs: Array<[string, string | undefined]>): string {
    const present = pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== "").map(([k, v]): [string, string] => [k, cellSafe(v)]);
    const width = Math.max(...present.map(([k]) => k.length));
    return present.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n") + "\n";
}

/** The metadata fields people look at, whatever the service's metadata type. */
export interface OperationSummary {
    name: string;
    /** The last segment of the name. */
    id: string;
    location: string;
    state: ReturnType<typeof outcomeOf>;
    verb?: string;
    target?: string;
    createTime?: string;
    endTime?: string;
    statusMessage?: string;
    cancelRequested?: boolean;
    error?: string;
}

function str(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** Summarizes an operation from its name, `done`/`error` and common metadata fields. */
export function summarize(operation: Operation): OperationSummary {
    const metadata = operation.metadata ?? {};
    const parts = operation.name.split("/");
    const cancelRequested = metadata.requestedCancellation ?? metadata.cancelRequested;
    const summary: OperationSummary = {
        name: operation.name,
        id: parts[parts.length - 1] ?? operation.name,
        location: parts[3] ?? "",
        state: outcomeOf(operation),
    };
    const verb = str(metadata.verb);
    const target = str(metadata.target);
    const createTime = str(metadata.createTime);
    const endTime = str(metadata.endTime);
    const status = statusMessageOf(operation).statusMessage;
    if (verb) summary.verb = verb;
    if (target) summary.target = target;
    if (createTime) summary.createTime = createTime;
    if (endTime) summary.endTime = endTime;
    if (status) summary.statusMessage = status;
    if (typeof cancelRequested === "boolean") summary.cancelRequested = cancelRequested;
    if (operation.error) summary.error = `${operation.error.code}: ${operation.error.message ?? ""}`.trim();
    return summary;
}

/** `1 request`, `2 requests`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
    return `${count} ${count === 1 ? noun : nouns}`;
}

/**
 * Formats an RFC 3339 time as its age for tables, the way `kubectl get` shows ages: `45s`, `4m05s`,
 * `25m`, `3h07m`, `20h`, `2d03h`, `45d`, `2y325d`; unparseable times are shown as they are.
 */
export function ageOf(time: string | undefined, now = Date.now()): string {
    if (!time) return "";
    const at = Date.parse(time);
    if (Number.isNaN(at)) return time;
    const seconds = Math.max(0, Math.floor((now - at) / 1000));
    const minutes = Math.floor(seconds / 60);
    const hours = Math.floor(minutes / 60);
    const days = Math.floor(hours / 24);
    const with2 = (n: number, unit: string) => (n === 0 ? "" : `${String(n).padStart(2, "0")}${unit}`);
    if (seconds < 120) return `${seconds}s`;
    if (minutes < 10) return `${minutes}m${with2(seconds % 60, "s")}`;
    if (minutes < 180) return `${minutes}m`;
    if (hours < 8) return `${hours}h${with2(minutes % 60, "m")}`;
    if (hours < 48) return `${hours}h`;
    if (days < 8) return `${days}d${with2(hours % 24, "h")}`;
    if (days < 2 * 365) return `${days}d`;
    const years = Math.floor(days / 365);
    return days % 365 === 0 || years >= 8 ? `${years}y` : `${years}y${days % 365}d`;
}

/**
 * A sweep item's outcome for people: `would cancel` for an operation a dry run selected (its JSON
 * `outcome` stays `SKIPPED`), the outcome itself otherwise.
 */
export function shownOutcome(outcome: string): string {
    return outcome === "SKIPPED" ? "would cancel" : outcome;
}
