/**
 * Reading a documented command line: where it invokes the bin, with which arguments (option arity from
 * the command line's own commander program), and which operations the emulator must hold for it to run.
 */
import type { Command } from "commander";
import { buildProgram } from "../../provider/cli/program";
import { fitsTemplate, isBareOperationId, parseOperationName, parseParentName, type OperationRef } from "../../provider/google/names";
import { findService } from "../../provider/google/services";
import type { ScriptedOperation } from "../../provider/testing";
import { parseDuration } from "../../provider/util/duration";

/**
 * Splits the first simple command of a shell line into words: quotes and backslash escapes as bash reads
 * them; stops at an unquoted `|`, `;`, `&`, `>`, `<` or a `#` that starts a word. No expansion.
 */
export function shellWords(line: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === "\\") {
            const next = line[i + 1];
            i++;
            if (next === "\n" || next === undefined) continue;
            word = (word ?? "") + next;
        } else if (c === "'") {
            const end = line.indexOf("'", i + 1);
            word = (word ?? "") + line.slice(i + 1, end < 0 ? undefined : end);
            i = end < 0 ? line.length : end;
        } else if (c === '"') {
            let j = i + 1;
            let text = "";
            while (j < line.length && line[j] !== '"') {
                if (line[j] === "\\" && /["\\$`]/.test(line[j + 1] ?? "")) j++;
                text += line[j];
                j++;
            }
            word = (word ?? "") + text;
            i = j;
        } else if (/\s/.test(c)) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else if (/[|;&<>]/.test(c) || (c === "#" && word === undefined)) {
            break;
        } else {
            word = (word ?? "") + c;
        }
    }
    if (word !== undefined) words.push(word);
    return words;
}

/** Where a line invokes the bin, and its arguments. */
export interface BinInvocation {
    /** How the bin is named: `pulumi-gcp-operations`, `npx pulumi-gcp-operations` or `node …/main.js`. */
    via: string;
    args: string[];
}

/** The bin invocation of a shell line (its first simple command), if it is one. */
export function binInvocation(line: string): BinInvocation | undefined {
    const words = shellWords(line);
    // Leading assignments (`FOO=bar pulumi-gcp-operations ...`) are part of the command.
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
    if (words[0] === "pulumi-gcp-operations") return { via: words[0], args: words.slice(1) };
    if (words[0] === "npx" && words[1] === "pulumi-gcp-operations") return { via: "npx pulumi-gcp-operations", args: words.slice(2) };
    if (words[0] === "node" && /cli\/main\.js$/.test(words[1] ?? "")) return { via: `node ${words[1]}`, args: words.slice(2) };
    return undefined;
}

/** The arguments of one command, read with the flags the command line really has. */
export interface ParsedArgs {
    command?: string;
    positionals: string[];
    /** Long flag name without dashes → every value given (`true` for a flag without a value). */
    flags: Map<string, Array<string | true>>;
    help: boolean;
}

let program: Command | undefined;

/** Reads argv the way the command line's commander program would (arity of every option from the program). */
export function parseArgs(args: string[]): ParsedArgs {
    program ??= buildProgram();
    const flags = new Map<string, Array<string | true>>();
    const positionals: string[] = [];
    const command = args[0] !== undefined && !args[0].startsWith("-") ? args[0] : undefined;
    const sub = command ? program.commands.find((c) => c.name() === command) : undefined;
    const options = [...(sub?.options ?? []), ...program.options];
    let help = false;
    for (let i = command ? 1 : 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === "--help" || arg === "-h") {
            help = true;
            continue;
        }
        if (!arg.startsWith("-") || arg === "-") {
            positionals.push(arg);
            continue;
        }
        const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
        const option = options.find((o) => o.long === name || o.short === name);
        const key = (option?.long ?? name).replace(/^-+/, "");
        let value: string | true = true;
        if (inline !== undefined) value = inline;
        else if (option && (option.required || option.optional) && i + 1 < args.length) value = args[++i];
        flags.set(key, [...(flags.get(key) ?? []), value]);
    }
    return { ...(command ? { command } : {}), positionals, flags, help };
}

function flag(parsed: ParsedArgs, name: string): string | undefined {
    const values = parsed.flags.get(name);
    const last = values?.[values.length - 1];
    return typeof last === "string" ? last : undefined;
}

function tryParse<T>(parse: () => T): T | undefined {
    try {
        return parse();
    } catch {
        return undefined;
    }
}

/**
 * The operations an emulator must hold for a `get`, `cancel`, `list` or `sweep` line to run: the operation
 * it names (running, cancel honoured), or one operation under the parent it names that its selection
 * (--target, --target-prefix, --verb, --older-than) takes. A name the client refuses gives none: the
 * line then fails with the client's own message.
 */
export function operationsFor(parsed: ParsedArgs, now = Date.now()): ScriptedOperation[] {
    const service = flag(parsed, "service");
    const project = flag(parsed, "project");
    const location = flag(parsed, "location");
    const serviceOf = (fromName: string | undefined) => {
        const key = service ?? fromName;
        return key ? { service: key } : {};
    };
    if (parsed.command === "get" || parsed.command === "cancel") {
        const raw = parsed.positionals[0];
        if (raw === undefined) return [];
        const ref = tryParse(() =>
            isBareOperationId(raw) ? parseOperationName(`projects/${project}/locations/${location}/operations/${raw}`) : parseOperationName(raw),
        );
        return ref ? [{ name: ref.name, ...serviceOf(ref.service) }] : [];
    }
    if (parsed.command === "list" || parsed.command === "sweep") {
        const raw = parsed.positionals[0] ?? `projects/${project}/locations/${location}`;
        const ref = tryParse(() => parseParentName(raw));
        if (!ref) return [];
        const where = ref.location === "-" ? `projects/${ref.project}/locations/us-central1` : ref.name;
        const target = flag(parsed, "target") ?? flag(parsed, "target-prefix");
        const verb = flag(parsed, "verb")?.split(",")[0];
        const olderThan = flag(parsed, "older-than");
        const ageMs = olderThan ? 2 * parseDuration(olderThan, "--older-than") : 0;
        return [
            {
                name: `${where}/operations/doc-example-1`,
                ...serviceOf(ref.service),
                ...(target ? { target } : {}),
                ...(verb ? { verb } : {}),
                ...(ageMs > 0 ? { createTime: new Date(now - ageMs).toISOString() } : {}),
            },
        ];
    }
    return [];
}

/** Every `projects/…/operations/…` name in string literals of a TypeScript snippet that the client accepts. */
export function operationsInSource(source: string): ScriptedOperation[] {
    const service = /\bservice:\s*["']([a-z0-9]+)["']/.exec(source)?.[1];
    const refs = new Map<string, OperationRef>();
    for (const m of source.matchAll(/["'`]((?:\/\/[a-z0-9.-]+\/|https:\/\/[a-z0-9.-]+\/v[0-9a-z]+\/)?projects\/[^"'`\s]+\/operations\/[^"'`\s]+)["'`]/g)) {
        const ref = tryParse(() => parseOperationName(m[1]));
        if (ref && !refs.has(ref.name)) refs.set(ref.name, ref);
    }
    // The snippet's service applies to the names of its forms; another name is left to the emulator's routing by form.
    const forms = service ? findService(service)?.templates ?? [] : [];
    return [...refs.values()].map((ref) => ({
        name: ref.name,
        ...(service && forms.some((t) => fitsTemplate(ref.segments ?? [], t)) ? { service } : {}),
    }));
}
