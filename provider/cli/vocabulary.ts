/**
 * The command line's own words for the library's settings.
 *
 * The library and the Pulumi resources name their settings as resource inputs and stack config
 * (`accessToken`, `gcp:accessToken`, `impersonateServiceAccount`, `maxConcurrency`), and their messages
 * say so. The command line sets the same things with flags and environment variables. Every message of
 * the library that the command line prints (errors, their advice, sweep items, results) goes through one
 * {@link CliVocabulary}, which names the flag or variable instead, so that no message tells a
 * command-line user to set an input or a stack config key they do not have.
 *
 * The translation is one table ({@link CLI_SPELLINGS}, {@link CONFIG_SPELLINGS}) and three rules:
 * 1. the setting an error is about (`err.field`) is named by where its value came from this time
 *    (`--impersonate-service-account`, or `GOOGLE_IMPERSONATE_SERVICE_ACCOUNT` when it came from there);
 * 2. library identifiers (camelCase setting names, `gcp:*` keys) are replaced anywhere outside quotes;
 *    the settings whose names are also plain words (`service`, `endpoint`, `credentials`, ...) only where
 *    a message tells the reader to act on them (`set service`, `drop service`, `pass endpoint`);
 * 3. alternatives that now name the same thing (`X / X`) are said once, and the verb fits: a flag is
 *    passed, a variable is set.
 *
 * tests/cli/vocabulary.test.ts checks that every setting the library can name in a message is in the table.
 */
import { GoogleApiError, InvalidNameError, InvalidOptionError } from "../google/errors";

type Env = Readonly<Record<string, string | undefined>>;

/** How the command line sets one library setting. */
export interface Spelling {
    /** The flag, if the command line has one. */
    flag?: string;
    /** The environment variables that set it, first found wins (the first is the one to recommend). */
    env?: readonly string[];
    /**
     * What to call it in advice: the flag, or the variable when the flag is discouraged (a token on the
     * command line is visible in the process list) or there is none. Default: the flag.
     */
    prefer?: "flag" | "env";
}

/** Every setting the library names in messages (resource inputs, client and sweep options) → the command line's spelling. */
export const CLI_SPELLINGS: Readonly<Record<string, Spelling>> = {
    accessToken: { flag: "--access-token", env: ["GOOGLE_OAUTH_ACCESS_TOKEN"], prefer: "env" },
    credentials: { env: ["GOOGLE_CREDENTIALS"] },
    impersonateServiceAccount: { flag: "--impersonate-service-account", env: ["GOOGLE_IMPERSONATE_SERVICE_ACCOUNT"] },
    quotaProject: { flag: "--quota-project" },
    project: { flag: "--project", env: ["GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"] },
    location: { flag: "--location", env: ["GOOGLE_REGION", "CLOUDSDK_COMPUTE_REGION"] },
    service: { flag: "--service" },
    endpoint: { flag: "--endpoint" },
    apiVersion: { flag: "--api-version" },
    universeDomain: { flag: "--universe-domain" },
    pageSize: { flag: "--page-size" },
    maxConcurrency: { flag: "--max-concurrency" },
    timeout: { flag: "--timeout" },
    timeoutMs: { flag: "--timeout" },
    target: { flag: "--target" },
    targetPrefix: { flag: "--target-prefix" },
    verbs: { flag: "--verb" },
    olderThan: { flag: "--older-than" },
    olderThanMs: { flag: "--older-than" },
    filter: { flag: "--filter" },
    dryRun: { flag: "--dry-run" },
    wait: { flag: "--wait" },
};

/** Stack config keys → what the command line reads instead (it has no stack: the environment, or a flag). */
export const CONFIG_SPELLINGS: Readonly<Record<string, string>> = {
    "gcp:accessToken": "GOOGLE_OAUTH_ACCESS_TOKEN",
    "gcp:credentials": "GOOGLE_CREDENTIALS",
    "gcp:impersonateServiceAccount": "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT",
    "gcp:project": "--project",
    "gcp:region": "--location",
    "gcp:billingProject": "GOOGLE_BILLING_PROJECT",
    "gcp:userProjectOverride": "USER_PROJECT_OVERRIDE",
};

/** Library fields that are the command line's arguments: named as in its usage line. */
export const ARGUMENT_SPELLINGS: Readonly<Record<string, string>> = {
    operation: "OPERATION",
    parent: "PARENT",
};

/**
 * Library options that no one sets from the command line (it sets them itself, or never), so no message
 * about them can ask a command-line user to act. The vocabulary test fails on a library option that is in
 * none of these lists.
 */
export const NOT_SET_BY_THE_COMMAND_LINE: readonly string[] = [
    // Client: the command line's own defaults.
    "requestTimeoutMs",
    "maxResponseBytes",
    "retry",
    "poll",
    "backoff",
    "dispatcher",
    "ca",
    "userAgent",
    "random",
    // Calls and waits: set from --timeout and --wait, or callbacks.
    "signal",
    "pageTimeoutMs",
    "onProgress",
    "onPoll",
    "sendCancel",
    "onCancelAccepted",
    "onCancelSending",
    // Credentials: not offered by the command line.
    "delegates",
    "iamCredentialsEndpoint",
    // Sweeps: built from the selection flags, or internal.
    "selection",
    "alreadyRequested",
    "onEvent",
    "retainItems",
];

/** Settings whose names are also plain English words: translated only where a message tells the reader to act on them. */
const PLAIN_WORDS = new Set(Object.keys(CLI_SPELLINGS).filter((k) => /^[a-z]+$/.test(k)));
/** Settings whose names can only be identifiers (camelCase) and stack config keys: translated wherever they stand. */
const IDENTIFIERS = [...Object.keys(CLI_SPELLINGS).filter((k) => !PLAIN_WORDS.has(k)), ...Object.keys(CONFIG_SPELLINGS)];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
/** Not inside a name, path, URL, flag or quoted value: `projects/x/accessToken`, `"accessToken"`, `--page-size`. */
const BEFORE = String.raw`(?<![\w/.:@"'\x60-])`;
const AFTER = String.raw`(?![\w/-])`;
const VERB = String.raw`\b(set|pass|drop|check|Check|unset)\s+`;
const ACTED_ON = new RegExp(`${VERB}${BEFORE}(${alternation([...PLAIN_WORDS, ...IDENTIFIERS])})${AFTER}`, "g");
const ANYWHERE = new RegExp(`${BEFORE}(${alternation(IDENTIFIERS)})${AFTER}`, "g");
/** A term the translation produced: a flag or an environment variable. */
const TERM = String.raw`--[a-z][a-z-]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+`;
const REPEATED = new RegExp(String.raw`(?:\b(set|pass) )?(${TERM})((?: / | or )(?:(?:set|pass) )?\2(?![\w-]))+`, "g");

/** Quoted spans ('...', "...", `...`; not an apostrophe) are values or server text: left as they are. */
const QUOTED = /(?<!\w)'[^']*'(?!\w)|"(?:[^"\\]|\\.)*"|`[^`]*`/g;

/** Which source set a setting for this run, as far as the command line can tell. */
export interface SettingSources {
    /** The flags given (commander's option names: `accessToken`, `impersonateServiceAccount`, ...). */
    flags: Readonly<Record<string, unknown>>;
    env: Env;
}

/**
 * The command line's vocabulary for one run: the table, plus where each setting came from this time, so
 * that an error about a value names the flag or the variable it was read from.
 */
export class CliVocabulary {
    constructor(private readonly sources: SettingSources = { flags: {}, env: {} }) {}

    /**
     * What a library field is called on the command line, for the value used in this run: the flag when
     * it was given, else the variable it was read from, else the flag (or variable) that would set it.
     * Library fields for the arguments are named as in the usage line (`PARENT`); fields that are already
     * the command line's own (`OPERATION`, `--older-than`) are returned as they are.
     */
    subject(field: string): string {
        const argument = ARGUMENT_SPELLINGS[field];
        if (argument !== undefined) return argument;
        const config = CONFIG_SPELLINGS[field];
        if (config !== undefined) return config;
        const spelling = CLI_SPELLINGS[field];
        if (!spelling) return field;
        if (spelling.flag && this.sources.flags[field] !== undefined) return spelling.flag;
        const fromEnv = spelling.env?.find((name) => (this.sources.env[name] ?? "").trim() !== "");
        if (fromEnv) return fromEnv;
        return spelling.flag ?? spelling.env?.[0] ?? field;
    }

    /** What a library setting is called in advice (`set X`): its preferred flag or variable. */
    term(name: string): string {
        const config = CONFIG_SPELLINGS[name];
        if (config !== undefined) return config;
        const spelling = CLI_SPELLINGS[name];
        if (!spelling) return name;
        if (spelling.prefer === "env" && spelling.env) return spelling.env[0];
        return spelling.flag ?? spelling.env?.[0] ?? name;
    }

    /** A library sentence in the command line's words (quoted spans are kept as they are). */
    translate(text: string): string {
        let out = "";
        let at = 0;
        for (const quoted of text.matchAll(QUOTED)) {
            out += this.translatePlain(text.slice(at, quoted.index)) + quoted[0];
            at = quoted.index + quoted[0].length;
        }
        return out + this.translatePlain(text.slice(at));
    }

    private translatePlain(text: string): string {
        const verbFor = (verb: string, term: string) => {
            if (verb === "set" && term.startsWith("--")) return "pass";
            if (verb === "pass" && !term.startsWith("--")) return "set";
            return verb;
        };
        return text
            .replace(ACTED_ON, (_m, verb: string, name: string) => {
                const term = this.term(name);
                return `${verbFor(verb, term)} ${term}`;
            })
            .replace(ANYWHERE, (_m, name: string) => this.term(name))
            .replace(REPEATED, (_m, verb: string | undefined, term: string) => `${verb ? `${verb} ` : ""}${term}`);
    }

    /**
     * The message of an error in the command line's words. Bad input names the flag, argument or variable
     * it came from; Google's own text (and any quoted value) is never changed, only the advice around it.
     */
    message(err: unknown): string {
        if (err instanceof InvalidNameError || err instanceof InvalidOptionError) {
            const subject = this.subject(err.field);
            const text = startsWithWord(err.message, err.field) ? subject + this.translate(err.message.slice(err.field.length)) : this.translate(err.message);
            return text.startsWith(subject) ? text : `${subject}: ${text}`;
        }
        if (err instanceof GoogleApiError) return this.adviceIn(err.message, err);
        if (err instanceof Error) {
            // An error that wraps Google's answer (a sweep whose listing failed) keeps that answer as it is.
            const cause = (err as { cause?: unknown }).cause;
            if (cause instanceof GoogleApiError && err.message.includes(cause.message)) return err.message.replace(cause.message, () => this.adviceIn(cause.message, cause));
            return this.translate(err.message);
        }
        return String(err);
    }

    /** Google's error message with its advice (the hint, composed by the library) translated. */
    private adviceIn(message: string, err: GoogleApiError): string {
        if (!err.hint || !message.includes(err.hint)) return message;
        return message.replace(err.hint, () => this.translate(err.hint));
    }
}

function startsWithWord(text: string, word: string): boolean {
    return text.startsWith(word) && !/[\w-]/.test(text.charAt(word.length));
}

/** The vocabulary of a command run with these flags in this environment. */
export function cliVocabulary(flags: Readonly<Record<string, unknown>>, env: Env = process.env): CliVocabulary {
    return new CliVocabulary({ flags, env });
}
