/**
 * The two ways the demo runs the quickstart: a real `pulumi` CLI (Automation API, local file backend)
 * when one is on PATH, otherwise Pulumi's own dynamic-provider host driven in the engine's call order,
 * as the project's tests do.
 */
import { EngineSimulator } from "../../tests/support/engine";
import { startHost, type HostClient } from "../../tests/support/host";
import { automationStack, pulumiCliAvailable } from "../../tests/support/automation";
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

/** A real `pulumi` CLI through the Automation API, on a temporary local file backend. */
export async function cliEngine(s: DemoStack, cliPath: string): Promise<DemoEngine> {
    const { stack, cleanup } = await automationStack(async () => s.quickstart.program(), {
        workDir: s.quickstart.dir.dir,
        project: QUICKSTART_PROJECT,
        stack: s.stack,
        config: { "gcp:accessToken": { value: s.token, secret: true }, endpoint: { value: s.endpoint } },
    });
    const steps = (changes: Record<string, number> | undefined): Record<string, number> => {
        const out: Record<string, number> = {};
        for (const [k, v] of Object.entries(changes ?? {})) if (k !== "same" || v > 0) out[k] = v;
        return out;
    };
    return {
        description: `the pulumi CLI at ${cliPath} (Automation API, local file backend in a temporary directory)`,
        async up() {
            const res = await stack.up();
            const value = res.outputs.outcomes?.value as unknown;
            return { outcomes: outcomesOf({ outcomes: value }), steps: steps(res.summary.resourceChanges) };
        },
        async destroy() {
            const res = await stack.destroy();
            return res.summary.resourceChanges?.delete ?? 0;
        },
        close: cleanup,
    };
}

/**
 * Picks the path: `GCPOPS_DEMO_ENGINE=host` or `=cli` forces one; otherwise the CLI when it is on PATH.
 */
export async function chooseEngine(s: DemoStack): Promise<DemoEngine> {
    const forced = process.env.GCPOPS_DEMO_ENGINE;
    if (forced !== undefined && forced !== "" && forced !== "host" && forced !== "cli") {
        throw new Error(`GCPOPS_DEMO_ENGINE must be "host" or "cli", not ${JSON.stringify(forced)}`);
    }
    const cli = pulumiCliAvailable();
    if (forced === "cli" && !cli.available) {
        throw new Error(`GCPOPS_DEMO_ENGINE=cli, but ${cli.reason}`);
    }
    if (cli.available && forced !== "host") {
        return cliEngine(s, cli.path);
    }
    return hostEngine(s, cli.available ? "GCPOPS_DEMO_ENGINE=host" : `no pulumi CLI on PATH`);
}
