/**
 * What the doc-example runner takes from Markdown: every fenced block, classified by its info string and
 * an optional marker comment, and every inline code span that is a command line of the bin.
 *
 * The rules (tests/docs/README.md says them for doc writers):
 * - every fence has an info string: `sh` (or `bash`, `shell`, `console`), `ts` (or `typescript`), `json`
 *   or `text`; a fence without one, or with another, is a problem, so a new kind of block is never
 *   silently left out;
 * - `sh` and `ts` blocks run; `text` blocks never run (output excerpts);
 * - a marker, the last non-blank line before a fence, says otherwise:
 *   `<!-- doc-example: skip: REASON -->` never run, with the reason;
 *   `<!-- doc-example: pulumi-program -->` (ts only) a Pulumi program: it needs a stack, so it is type-checked,
 *   not run; `; given: DECLARATIONS` adds ambient declarations for names the program takes from elsewhere;
 *   `<!-- doc-example: seed -->` (json only) the seed file the examples' `--seed FILE` flags name;
 * - a `json` block must be marked (`seed` or `skip`); a marker anywhere else is a problem.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** A marker comment before a fence. */
export type Marker = { kind: "skip"; reason: string } | { kind: "pulumi-program"; given?: string } | { kind: "seed" };

/** What the runner does with a block. */
export type BlockKind = "shell" | "typescript" | "json" | "text";

/** One fenced block. */
export interface Fence {
    /** The file, relative to the repository root. */
    file: string;
    /** 1-based line of the opening fence. */
    line: number;
    /** The info string as written (`sh`, `ts`, ...). */
    info: string;
    kind: BlockKind;
    marker?: Marker;
    /** The content, the fence's own indentation removed. */
    body: string;
    /** 1-based line of the first content line. */
    bodyLine: number;
}

/** An inline code span that is a command line of the bin. */
export interface InlineCommand {
    file: string;
    line: number;
    text: string;
}

/** Everything found in one Markdown file, and what breaks the rules. */
export interface MarkdownExamples {
    fences: Fence[];
    inline: InlineCommand[];
    problems: string[];
}

const KINDS: Record<string, BlockKind> = {
    sh: "shell",
    bash: "shell",
    shell: "shell",
    console: "shell",
    ts: "typescript",
    typescript: "typescript",
    json: "json",
    text: "text",
};

const MARKER = /^<!--\s*doc-example:\s*(.*?)\s*-->$/;
const OPEN = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)(.*)$/;
/** An inline span that invokes the bin: `pulumi-gcp-operations …`, `npx pulumi-gcp-operations …`, `node …/cli/main.js …`. */
export const BIN_COMMAND = /^(?:npx\s+)?pulumi-gcp-operations\s|^node\s+\S*cli\/main\.js\s/;

function parseMarker(text: string): Marker | string {
    const skip = /^skip:\s*(\S.*)$/.exec(text);
    if (skip) return { kind: "skip", reason: skip[1] };
    if (/^skip\b/.test(text)) return "a skip marker needs a reason: <!-- doc-example: skip: REASON -->";
    const program = /^pulumi-program(?:\s*;\s*given:\s*(\S.*))?$/.exec(text);
    if (program) return program[1] ? { kind: "pulumi-program", given: program[1] } : { kind: "pulumi-program" };
    if (text === "seed") return { kind: "seed" };
    return `unknown marker ${JSON.stringify(text)}: expected skip: REASON, pulumi-program [; given: DECLARATIONS] or seed`;
}

/** Parses one Markdown text (`file` is only for messages). */
export function parseMarkdown(file: string, text: string): MarkdownExamples {
    const lines = text.split("\n");
    const fences: Fence[] = [];
    const inline: InlineCommand[] = [];
    const problems: string[] = [];
    let pendingMarker: { marker: Marker; line: number } | undefined;
    const dropPending = () => {
        if (pendingMarker) problems.push(`${file}:${pendingMarker.line}: a doc-example marker must be the last non-blank line before a fence`);
        pendingMarker = undefined;
    };
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const trimmed = line.trim();
        const open = OPEN.exec(line);
        if (open) {
            const [, indent, fence, info, rest] = open;
            const closing = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
            let end = i + 1;
            while (end < lines.length && !closing.test(lines[end])) end++;
            if (end >= lines.length) problems.push(`${file}:${i + 1}: a fence that is never closed`);
            const body = lines
                .slice(i + 1, end)
                .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
                .join("\n");
            const marker = pendingMarker?.marker;
            pendingMarker = undefined;
            const kind = KINDS[info.toLowerCase()];
            if (!info) {
                problems.push(`${file}:${i + 1}: a fence without an info string: mark an output excerpt \`\`\`text, or give the language (sh, ts, json)`);
            } else if (!kind) {
                problems.push(`${file}:${i + 1}: the info string ${JSON.stringify(info + rest)} is not one the doc-example runner knows (sh, ts, json, text)`);
            } else {
                if (marker?.kind === "pulumi-program" && kind !== "typescript") problems.push(`${file}:${i + 1}: pulumi-program marks a ts block only`);
                if (marker?.kind === "seed" && kind !== "json") problems.push(`${file}:${i + 1}: seed marks a json block only`);
                if (marker && kind === "text") problems.push(`${file}:${i + 1}: a text block is never run: it needs no marker`);
                if (kind === "json" && !marker) problems.push(`${file}:${i + 1}: a json block must be marked: <!-- doc-example: seed --> or <!-- doc-example: skip: REASON -->`);
                fences.push({ file, line: i + 1, info, kind, ...(marker ? { marker } : {}), body, bodyLine: i + 2 });
            }
            i = end;
            continue;
        }
        const markerMatch = MARKER.exec(trimmed);
        if (markerMatch) {
            dropPending();
            const marker = parseMarker(markerMatch[1]);
            if (typeof marker === "string") problems.push(`${file}:${i + 1}: ${marker}`);
            else pendingMarker = { marker, line: i + 1 };
            continue;
        }
        if (trimmed === "") continue;
        dropPending();
        for (const span of line.matchAll(/(`+)([^`]+?)\1(?!`)/g)) {
            const code = span[2].trim();
            if (BIN_COMMAND.test(code)) inline.push({ file, line: i + 1, text: code });
        }
    }
    dropPending();
    return { fences, inline, problems };
}

/** The Markdown files whose examples run: README.md and docs/*.md, relative to the root. */
export function documentedFiles(root: string): string[] {
    const docs = fs
        .readdirSync(path.join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`);
    return ["README.md", ...docs];
}

/** Parses every documented file. */
export function readDocumentedExamples(root: string): MarkdownExamples {
    const all: MarkdownExamples = { fences: [], inline: [], problems: [] };
    for (const file of documentedFiles(root)) {
        const found = parseMarkdown(file, fs.readFileSync(path.join(root, file), "utf8"));
        all.fences.push(...found.fences);
        all.inline.push(...found.inline);
        all.problems.push(...found.problems);
    }
    return all;
}

/** One logical shell line: continuation lines joined, with the line it starts on. */
export interface ShellLine {
    line: number;
    /** As written (continuations kept, for bash). */
    text: string;
}

/**
 * Splits a shell block into logical lines. Blank lines and whole-line comments are dropped; a line ending
 * in `\` continues on the next. In a block with `$ ` prompts only the prompt lines are commands (the rest
 * is their output).
 */
export function shellLines(body: string, firstLine: number): ShellLine[] {
    const raw = body.split("\n");
    const prompted = raw.some((l) => /^\s*\$ /.test(l));
    const out: ShellLine[] = [];
    for (let i = 0; i < raw.length; i++) {
        let text = raw[i];
        if (prompted) {
            const m = /^\s*\$ (.*)$/.exec(text);
            if (!m) continue;
            text = m[1];
        }
        if (text.trim() === "" || /^\s*#/.test(text)) continue;
        const start = i;
        while (/\\\s*$/.test(text) && i + 1 < raw.length) {
            i++;
            text = `${text}\n${raw[i]}`;
        }
        out.push({ line: firstLine + start, text: text.trim() });
    }
    return out;
}
