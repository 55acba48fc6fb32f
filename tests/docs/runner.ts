/**
 * Runs one documented example on the doc machine and says what is wrong with it (nothing: it works).
 *
 * - A shell line runs in bash (`set -euo pipefail`) in the consumer project directory, exactly as written,
 *   with one exception: an `emulator` line's `--port N` becomes `--port 0` (the emulator's endpoint: any
 *   free port, so runs never collide). Before it runs, the emulator holds the operations the line names
 *   (see `operationsFor`). It must exit 0, and a line of the bin that talks to the API must have reached
 *   the emulator through a Google host name (and every operation it names). Variables a line exports
 *   carry over to the next lines of the same block, and must not be empty.
 * - An `emulator` line runs until its first line (the URL) is printed; the runner then checks that it
 *   serves what it was given (every seed operation, read and listed with the client, with the seed's or
 *   `--token`'s token, over TLS with `--tls`), stops it with SIGINT to its process group (a terminal's
 *   Ctrl-C) and expects exit 0.
 * - `--seed FILE` names the seed documented in docs/emulator.md (the json block marked `seed`): the runner
 *   writes it under that name.
 * - A line that runs gcloud or jq, where it is not installed, is skipped saying so, except under `CI=true`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Agent } from "undici";
import { OperationsClient } from "../../provider/google";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { TEST_CA_CERT, validateSeed, type EmulatorSeed } from "../../provider/testing";
import { describeRun, killGroup, onPath, runProcess, type DocMachine } from "./environment";
import { binInvocation, operationsFor, operationsInSource, parseArgs } from "./shell";
import type { PreparedSnippet } from "./typescript";

/** The variables the lines of one block have set so far. */
export type Session = Map<string, string>;

const LINE_TIMEOUT_MS = 60_000;
const API_COMMANDS = new Set(["get", "cancel", "list", "sweep"]);

/** What the runner reports for one example: problems (empty when it works) or why it was skipped. */
export interface Verdict {
    problems: string[];
    skipped?: string;
}

/** Programs besides the bin that documented lines run, and that a machine may lack. */
const TOOLS = ["gcloud", "jq"];

/** The tools a line runs (as a command, after a pipe or in `$(…)`) that are not on `envPath`. */
export function missingTools(line: string, envPath = process.env.PATH ?? ""): string[] {
    return TOOLS.filter((tool) => new RegExp(`(^|[|;&(\`]\\s*|\\$\\(\\s*)${tool}(\\s|$)`).test(line) && !onPath(tool, envPath));
}

/** The port substitution of an `emulator` line (the only rewrite of a shell line). */
export function withAnyPort(line: string): string {
    return line.replace(/(--port[ =])\d+/g, "$10");
}

function seedFileFor(machine: DocMachine, name: string, seed: string | undefined): string | undefined {
    if (seed === undefined) return `--seed ${name}: no json block of README.md or docs/*.md is marked <!-- doc-example: seed -->`;
    const file = path.resolve(machine.dir, name);
    if (!file.startsWith(`${machine.dir}${path.sep}`)) return `--seed ${name}: a seed file outside the working directory cannot be provided`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, seed);
    return undefined;
}

/** Runs one shell line; `seed` is the documented seed file's text. */
export async function runShellLine(machine: DocMachine, session: Session, line: string, seed: string | undefined): Promise<Verdict> {
    const missing = missingTools(line);
    if (missing.length > 0) {
        if (process.env.CI === "true") return { problems: [`${missing.join(", ")} not installed; under CI=true every documented line must run`] };
        return { problems: [], skipped: `${missing.join(", ")} not installed on this machine` };
    }
    const bin = binInvocation(line);
    const parsed = bin ? parseArgs(bin.args) : undefined;
    const seedName = parsed?.flags.get("seed")?.find((v): v is string => typeof v === "string");
    if (seedName !== undefined) {
        const problem = seedFileFor(machine, seedName, seed);
        if (problem) return { problems: [problem] };
    }
    if (parsed && parsed.command === "emulator" && !parsed.help) return runEmulatorLine(machine, session, line, parsed.flags, seed);

    const api = parsed !== undefined && !parsed.help && API_COMMANDS.has(parsed.command ?? "");
    const named = api && parsed ? operationsFor(parsed) : [];
    machine.seed(named);
    const assigns = !bin && /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(line);
    const envFile = path.join(machine.dir, ".doc-example-env");
    const script = `set -euo pipefail\n${line}\n${assigns ? `env -0 > ${JSON.stringify(envFile)}\n` : ""}`;
    const hosts = machine.hosts();
    const before = hosts.emu.requests.length;
    const run = await runProcess("bash", ["-c", script], { cwd: machine.dir, env: machine.env(Object.fromEntries(session)), timeoutMs: LINE_TIMEOUT_MS });
    const problems: string[] = [];
    if (run.code !== 0) problems.push(`the line fails: ${describeRun(run)}`);
    if (assigns && run.code === 0) {
        const after = new Map(
            fs
                .readFileSync(envFile, "utf8")
                .split("\0")
                .filter(Boolean)
                .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as [string, string]),
        );
        fs.rmSync(envFile, { force: true });
        for (const m of line.matchAll(/(?:^|\s)(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)) {
            const value = after.get(m[1]);
            if (!value) problems.push(`${m[1]} is empty after the line: ${describeRun(run)}`);
            else session.set(m[1], value);
        }
    }
    if (api && problems.length === 0) {
        const requests = hosts.emu.requests.slice(before);
        if (requests.length === 0) problems.push(`no request reached the emulator: ${describeRun(run)}`);
        else if (!requests.some((r) => r.hostname.endsWith(".googleapis.com"))) problems.push("the requests did not go to a Google host name");
        if (parsed?.command === "get" || parsed?.command === "cancel") {
            for (const op of named) {
                if (!requests.some((r) => r.operation === op.name)) problems.push(`no request for ${op.name} reached the emulator`);
            }
        }
    }
    return { problems };
}

/** Starts an `emulator` line, checks what it serves, stops it with SIGINT. */
async function runEmulatorLine(machine: DocMachine, session: Session, line: string, flags: Map<string, Array<string | true>>, seedText: string | undefined): Promise<Verdict> {
    const child = spawn("bash", ["-c", `set -euo pipefail\nexec ${withAnyPort(line)}`], {
        cwd: machine.dir,
        env: machine.env(Object.fromEntries(session)),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
    const problems: string[] = [];
    const url = await new Promise<string | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), 30_000);
        const check = () => {
            const first = stdout.split("\n");
            if (first.length > 1) {
                clearTimeout(timer);
                resolve(first[0].trim());
            }
        };
        child.stdout.on("data", check);
        void exited.then(() => {
            clearTimeout(timer);
            resolve(undefined);
        });
    });
    try {
        if (!url || !/^https?:\/\/\S+$/.test(url)) {
            problems.push(`the emulator did not print its URL on the first line\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
        } else {
            const seedName = flags.get("seed")?.find((v): v is string => typeof v === "string");
            const seed: EmulatorSeed = seedName !== undefined && seedText !== undefined ? validateSeed(JSON.parse(seedText)) : { operations: [] };
            const tokens = flags.get("token")?.filter((v): v is string => typeof v === "string") ?? seed.tokens ?? ["emulator-token"];
            problems.push(...(await checkServes(url, tokens[0] ?? "any-token", seed, flags.has("tls"))));
        }
    } catch (err) {
        problems.push(`checking the running emulator failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
        killGroup(child.pid, "SIGINT");
    }
    const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), 15_000);
    const exit = await exited;
    clearTimeout(timer);
    // Through npx, npm runs the bin under `sh -c`, which dies of the Ctrl-C; npm then ends by the same
    // signal, as a terminal shows it (exit 130). The bin's own exit code is hidden then: it must at least
    // have written no error.
    const viaNpx = binInvocation(line)?.via.startsWith("npx") === true;
    const clean = exit.code === 0 || (viaNpx && exit.code === null && exit.signal === "SIGINT");
    const errors = stderr.split("\n").filter((l) => l.trim() !== "" && !/^npm warn /.test(l));
    if (errors.length > 0) problems.push(`the emulator wrote to stderr:\n${errors.join("\n")}`);
    if (!clean) problems.push(`the emulator did not stop cleanly on SIGINT (exit ${exit.code}, signal ${exit.signal})\n--- stderr\n${stderr}`);
    return { problems };
}

/**
 * What a newcomer does next with a started emulator: read and list what it was seeded with, with the
 * client. Every seed operation's name must be one the client accepts; operations bound to a regional
 * `host` cannot be addressed through a plain endpoint and are only parsed.
 */
async function checkServes(url: string, token: string, seed: EmulatorSeed, tls: boolean): Promise<string[]> {
    const problems: string[] = [];
    const dispatcher = new Agent(tls ? { connect: { ca: TEST_CA_CERT } } : {});
    const client = new OperationsClient({ endpoint: url, credentials: { accessToken: token }, dispatcher, retry: { maxAttempts: 1 } });
    try {
        const operations = seed.operations ?? [];
        const parents = new Set<string>(operations.length === 0 ? ["projects/my-project/locations/us-central1"] : []);
        for (const op of operations) {
            let ref;
            try {
                ref = parseOperationName(op.name, "seed operation");
            } catch (err) {
                problems.push(`the seed's operation ${op.name} is refused by the client: ${(err as Error).message}`);
                continue;
            }
            parents.add(ref.parent);
            if (op.host !== undefined || op.denied?.includes("get")) continue;
            try {
                await client.getOperation(op.name);
            } catch (err) {
                problems.push(`reading ${op.name} from the emulator failed: ${(err as Error).message}`);
            }
        }
        for (const parent of parents) {
            try {
                parseParentName(parent);
                const listed: string[] = [];
                for await (const op of client.listOperations(parent)) listed.push(op.name);
                for (const op of operations) {
                    if (op.name.startsWith(`${parent}/`) && op.host === undefined && !op.denied?.includes("list") && !listed.includes(op.name)) {
                        problems.push(`listing ${parent} does not show ${op.name}`);
                    }
                }
            } catch (err) {
                problems.push(`listing ${parent} failed: ${(err as Error).message}`);
            }
        }
    } finally {
        await dispatcher.close();
    }
    return problems;
}

/**
 * Runs one prepared TypeScript snippet: no type error, then (unless it is a Pulumi program) `node` on the
 * compiled module exits 0. The emulator holds the operations the snippet names; a snippet that does not
 * start an emulator of its own must have reached this one for each of them.
 */
export async function runSnippet(machine: DocMachine, snippet: PreparedSnippet): Promise<Verdict> {
    if (snippet.diagnostics.length > 0) return { problems: snippet.diagnostics };
    if (!snippet.runs) return { problems: [] };
    // A snippet that starts its own emulator seeds it itself: nothing goes to the doc machine's.
    const ownEmulator = /\bnew\s+OperationsEmulator\b/.test(snippet.fence.body);
    const named = ownEmulator ? [] : operationsInSource(snippet.fence.body);
    machine.seed(named);
    const hosts = machine.hosts();
    const before = hosts.emu.requests.length;
    const run = await runProcess(process.execPath, [snippet.output], { cwd: machine.dir, env: machine.env(), timeoutMs: LINE_TIMEOUT_MS });
    const problems: string[] = [];
    if (run.code !== 0) problems.push(`the snippet fails: ${describeRun(run)}`);
    else if (!ownEmulator) {
        const requests = hosts.emu.requests.slice(before);
        if (named.length > 0 && !requests.some((r) => r.hostname.endsWith(".googleapis.com"))) problems.push(`no request went to a Google host name: ${describeRun(run)}`);
        for (const op of named) {
            if (!requests.some((r) => r.operation === op.name)) problems.push(`no request for ${op.name} reached the emulator: ${describeRun(run)}`);
        }
    }
    return { problems };
}
