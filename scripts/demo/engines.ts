/**
 * The two ways the demo runs the quickstart: the real `pulumi` CLI (`.tools/pulumi/bin` from
 * `npm run pulumi:install`, else one on PATH) with a local file backend; otherwise Pulumi's own
 * dynamic-provider host driven in the engine's call order, as the project's simulator tests do.
 */
import { EngineSimulator } from "../../tests/support/engine";
import { startHost, type HostClient } from "../../tests/support/host";
import { CliStack, type CommandResult } from "../../tests/support/cliStack";
import { findPulumiCli, type PulumiCli } from "../../tests/support/pulumiCli";
import { QUICKSTART_PROJECT, type QuickstartProgram } from "./quickstart";

/** What one `up` did. */
export interface UpResult {
    /** The stack output `outcomes`: operation name → outcome. */
    outcomes: Record<string, string>;
    /** Resources by step, e.g. `{ create: 4 }` or `{ same: 4 }`. */
    steps: Record<string, number>;
}

/** A stack the demo can update and destroy. */
export interface DemoEngine {
    /** Which path this is, in a sentence. */
    readonly description: string;
    up(): Promise<UpResult>;
    /** Resolves with the number of resources deleted. */
    destroy(): Promise<number>;
    close(): Promise<void>;
}

/** Stack settings shared by both paths. */
export interface DemoStack {
    quickstart: QuickstartProgram;
    endpoint: string;
    token: string;
    stack: string;
}

function tally(values: Iterable<string>): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
}

function outcomesOf(outputs: Record<string, unknown>): Record<string, string> {
    const outcomes = outputs.outcomes;
    if (!outcomes || typeof outcomes !== "object") {
        throw new Error(`the quickstart exported no outcomes (got ${JSON.stringify(outputs)})`);
    }
    return outcomes as Record<string, string>;
}

/** Pulumi's dynamic-provider host, started as the engine starts it, with the engine's calls simulated. */
export async function hostEngine(s: DemoStack, reason: string): Promise<DemoEngine> {
    const host: HostClient = await startHost({ cwd: s.quickstart.dir.dir, startTimeoutMs: 15_000 });
    try {
        await host.configure({ "gcp:accessToken": s.token });
    } catch (e) {
        await host.stop();
        throw e;
    }
    const config = { "gcp:accessToken": s.token, [`${QUICKSTART_PROJECT}:endpoint`]: s.endpoint };
    const engine = new EngineSimulator(host, { project: QUICKSTART_PROJECT, stack: s.stack, config, secretKeys: ["gcp:accessToken"] });
    return {
        description: `Pulumi's dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider), driven in the engine's call order: ${reason}`,
        async up() {
            const run = await engine.up(s.quickstart.program);
            return { outcomes: outcomesOf(run.outputs), steps: tally(Object.values(run.steps)) };
        },
        async destroy() {
            return Object.keys(await engine.destroy()).length;
        },
        close: () => host.stop(),
    };
}

/**
 * The real Pulumi engine: `pulumi up` / `pulumi destroy` of the quickstart's own program, run by the CLI
 * (with this project's language host and dynamic-provider plugin) on a local file backend in a temporary
 * directory, as a user runs it.
 */
export async function cliEngine(s: DemoStack, cli: PulumiCli): Promise<DemoEngine> {
    const stack = await CliStack.create(cli, {
        project: QUICKSTART_PROJECT,
        program: s.quickstart.source,
        config: { "gcp:accessToken": { value: s.token, secret: true }, [`${QUICKSTART_PROJECT}:endpoint`]: s.endpoint },
    });
    const steps = (changes: Record<string, number>): Record<string, number> => {
        const out: Record<string, number> = {};
        // The stack resource itself is not one of the quickstart's resources.
        for (const [k, v] of Object.entries(changes)) {
            const n = k === "same" || k === "create" || k === "delete" ? v - 1 : v;
            if (n > 0) out[k] = n;
        }
        return out;
    };
    const succeed = async (what: string, run: Promise<CommandResult>): Promise<void> => {
        const r = await run;
        if (r.code !== 0) throw new Error(`pulumi ${what} failed (exit ${r.code ?? r.signal}):\n${r.output}`);
    };
    return {
        description: `the pulumi CLI at ${cli.path} (the real engine, local file backend in a temporary directory)`,
        async up() {
            await succeed("up", stack.up());
            const outputs = await stack.outputs();
            return { outcomes: outcomesOf(outputs), steps: steps(await stack.lastChanges()) };
        },
        async destroy() {
            await succeed("destroy", stack.destroy());
            return steps(await stack.lastChanges()).delete ?? 0;
        },
        close: () => stack.cleanup(),
    };
}

/**
 * Picks the path: `GCPOPS_DEMO_ENGINE=host` or `=cli` forces one; otherwise the real CLI when there is one.
 */
export async function chooseEngine(s: DemoStack): Promise<DemoEngine> {
    const forced = process.env.GCPOPS_DEMO_ENGINE;
    if (forced !== undefined && forced !== "" && forced !== "host" && forced !== "cli") {
        throw new Error(`GCPOPS_DEMO_ENGINE must be "host" or "cli", not ${JSON.stringify(forced)}`);
    }
    const cli = findPulumiCli();
    if (forced === "cli" && !cli.available) {
        throw new Error(`GCPOPS_DEMO_ENGINE=cli, but there is ${cli.reason}`);
    }
    if (cli.available && forced !== "host") {
        return cliEngine(s, cli);
    }
    return hostEngine(s, cli.available ? "GCPOPS_DEMO_ENGINE=host" : `no pulumi CLI (${cli.reason})`);
}
