/**
 * One Pulumi project and stack driven through real `pulumi` commands, as a user runs them: a program
 * directory with Pulumi.yaml and index.js (this package and @pulumi/pulumi linked into node_modules), a
 * private PULUMI_HOME and a local file backend in a temporary folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createProgramDir, type ProgramDir } from "./programDir";
import { pulumiEnv, type PulumiCli } from "./pulumiCli";

/** What one command did. */
export interface CommandResult {
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    /** stdout and stderr, interleaved as they arrived. */
    output: string;
}

/** Options for {@link CliStack.create}. */
export interface CliStackOptions {
    /** Project name (default `gcpops-real`). */
    project?: string;
    /** The program: JavaScript run as index.js. */
    program: string;
    /** Stack config: key → value, or `{ value, secret }`. */
    config?: Record<string, string | { value: string; secret: true }>;
    /** Extra environment for every command. */
    env?: Record<string, string>;
    /** What the program's `pulumi-gcp-operations` is (default the repo root). */
    packageRoot?: string;
}

/** One resource of `pulumi stack export`. */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    initErrors?: string[];
    parent?: string;
    dependencies?: string[];
    [key: string]: unknown;
}

/** `pulumi stack export` of a stack. */
export interface StateExport {
    deployment: { resources?: StateResource[]; pending_operations?: Array<{ resource: StateResource; type: string }> };
    [key: string]: unknown;
}

const STACK = "dev";

/** A stack on a local backend, driven by the real CLI. */
export class CliStack {
    private constructor(
        readonly cli: PulumiCli,
        readonly program: ProgramDir,
        private readonly tmp: string,
        private readonly env: NodeJS.ProcessEnv,
    ) {}

    /** Creates the project, the backend and the stack `dev`, and sets its config. */
    static async create(cli: PulumiCli, opts: CliStackOptions): Promise<CliStack> {
        const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-cli-")));
        const home = path.join(tmp, "home");
        const backend = path.join(tmp, "backend");
        fs.mkdirSync(home);
        fs.mkdirSync(backend);
        const program = createProgramDir({ project: opts.project ?? "gcpops-real", files: { "index.js": opts.program }, ...(opts.packageRoot ? { packageRoot: opts.packageRoot } : {}) });
        const stack = new CliStack(cli, program, tmp, pulumiEnv(cli, { home, backend }, opts.env));
        await stack.ok(["stack", "init"]); // start() appends --stack dev
        for (const [key, value] of Object.entries(opts.config ?? {})) {
            await stack.setConfig(key, typeof value === "string" ? value : value.value, typeof value !== "string");
        }
        return stack;
    }

    /** Replaces index.js (the next command runs the new program). */
    writeProgram(program: string): void {
        fs.writeFileSync(path.join(this.program.dir, "index.js"), program);
    }

    /** `pulumi config set` (with `--secret` for secrets); the value goes through stdin, never argv. */
    async setConfig(key: string, value: string, secret = false): Promise<void> {
        await this.ok(["config", "set", key, ...(secret ? ["--secret"] : []), "--"], { stdin: value });
    }

    /** Starts a command; resolves when it exits. */
    start(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): { child: ChildProcess; done: Promise<CommandResult> } {
        const end = args.includes("--") ? args.indexOf("--") : args.length;
        const child = spawn(this.cli.path, [...args.slice(0, end), "--stack", STACK, ...args.slice(end)], {
            cwd: this.program.dir,
            env: { ...this.env, ...opts.env },
            stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout!.setEncoding("utf8").on("data", (d: string) => ((stdout += d), (output += d)));
        child.stderr!.setEncoding("utf8").on("data", (d: string) => ((stderr += d), (output += d)));
        child.stdin!.end(opts.stdin ?? "");
        const done = new Promise<CommandResult>((resolve, reject) => {
            child.on("error", reject);
            child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, output }));
        });
        return { child, done };
    }

    /** Runs a command to its end, whatever its exit code. */
    run(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
        return this.start(args, opts).done;
    }

    /** Runs a command that must succeed; the error carries its output. */
    async ok(args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<CommandResult> {
        const r = await this.run(args, opts);
        if (r.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited ${r.code ?? r.signal}:\n${r.output}`);
        }
        return r;
    }

    /** `pulumi up --yes --skip-preview --non-interactive`, extra flags appended. */
    up(extra: string[] = []): Promise<CommandResult> {
        return this.run(["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never", ...extra]);
    }

    /** `pulumi preview --non-interactive`. */
    preview(extra: string[] = []): Promise<CommandResult> {
        return this.run(["preview", "--non-interactive", "--color", "never", ...extra]);
    }

    /** `pulumi refresh --yes --non-interactive`. */
    refresh(extra: string[] = []): Promise<CommandResult> {
        return this.run(["refresh", "--yes", "--skip-preview", "--non-interactive", "--color", "never", ...extra]);
    }

    /** `pulumi destroy --yes --non-interactive`. */
    destroy(extra: string[] = []): Promise<CommandResult> {
        return this.run(["destroy", "--yes", "--skip-preview", "--non-interactive", "--color", "never", ...extra]);
    }

    /** `pulumi stack export` (secrets stay encrypted). */
    async exportState(): Promise<StateExport> {
        return JSON.parse((await this.ok(["stack", "export"])).stdout) as StateExport;
    }

    /** The raw text of `pulumi stack export`, for leak checks. */
    async exportText(): Promise<string> {
        return (await this.ok(["stack", "export"])).stdout;
    }

    /** `pulumi stack output --json --show-secrets`. */
    async outputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.ok(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    }

    /** The resources of the stack's state whose type ends with `typeSuffix` (e.g. `:OperationCancellation`). */
    async resources(typeSuffix: string): Promise<StateResource[]> {
        return ((await this.exportState()).deployment.resources ?? []).filter((r) => r.type.endsWith(typeSuffix));
    }

    /** The one resource named `name` (the URN's last part) of that type. */
    async resource(typeSuffix: string, name: string): Promise<StateResource> {
        const found = (await this.resources(typeSuffix)).filter((r) => r.urn.endsWith(`::${name}`));
        if (found.length !== 1) throw new Error(`expected one ${typeSuffix} named ${name} in state, found ${found.length}`);
        return found[0]!;
    }

    /** The last update's resource changes from `pulumi stack history`, e.g. `{ same: 2 }`. */
    async lastChanges(): Promise<Record<string, number>> {
        const history = JSON.parse((await this.ok(["stack", "history", "--json", "--show-secrets"])).stdout) as Array<{ resourceChanges?: Record<string, number> }>;
        return history[0]?.resourceChanges ?? {};
    }

    /** Removes the stack's files (the backend, PULUMI_HOME and the program directory). */
    async cleanup(): Promise<void> {
        this.program.cleanup();
        fs.rmSync(this.tmp, { recursive: true, force: true });
    }
}
