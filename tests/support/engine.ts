/**
 * Plays the Pulumi engine's part for dynamic resources, over the real dynamic-provider host: the same
 * calls in the same order as `pulumi up`, `preview`, `refresh` and `destroy` (Check, Diff, then Create,
 * Update, or Create + Delete on replace; Read; Delete), with a state kept between runs, partially
 * created resources (init failures) updated on the next up, and resources dropped from the program deleted.
 */
import { HostCallError, type HostClient, type Props } from "./host";
import { runProgram, type CapturedResource, type ProgramRun } from "./mockProgram";

/** One resource in the simulated state. */
export interface StateEntry {
    urn: string;
    type: string;
    id: string;
    inputs: Props;
    outputs: Props;
    /** Set when the last create/update failed to initialize: the next up updates it whatever diff says. */
    initErrors?: string[];
}

/** What one resource went through in a run. */
export type Step = "create" | "update" | "replace" | "same" | "delete" | "read" | "gone" | "preview-create" | "preview-update" | "preview-replace";

/** The result of a run. */
export interface RunResult {
    outputs: Record<string, unknown>;
    steps: Record<string, Step>;
    run: ProgramRun;
}

type Program = () => void | Record<string, unknown> | Promise<void | Record<string, unknown>>;

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Removes Pulumi's secret wrappers (`{[SECRET_SIG]: ..., value}`), deeply. */
export function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(unwrapSecrets);
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270") return unwrapSecrets(obj.value);
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

export class EngineSimulator {
    /** The stack's state, by URN, in registration order. */
    readonly state = new Map<string, StateEntry>();
    /** Whether a step of the current update failed. */
    private failed = false;

    /** The step in progress when steps run one at a time (`parallel: 1`). */
    private serial: Promise<void> = Promise.resolve();

    /** `parallel: 1` runs one step at a time, as `pulumi up --parallel 1`; by default steps run as they come. */
    constructor(
        private readonly host: HostClient,
        private readonly stack: { project: string; stack: string; config?: Record<string, string>; secretKeys?: string[]; parallel?: 1 },
    ) {}

    /** `pulumi up` (or `pulumi preview` with `preview: true`, which never calls Create or Update). */
    async up(program: Program, opts: { preview?: boolean } = {}): Promise<RunResult> {
        this.failed = false;
        const steps: Record<string, Step> = {};
        const seen = new Set<string>();
        const replaced: StateEntry[] = [];
        const run = await runProgram(program, {
            project: this.stack.project,
            stack: this.stack.stack,
            ...(this.stack.config ? { config: this.stack.config } : {}),
            ...(this.stack.secretKeys ? { secretKeys: this.stack.secretKeys } : {}),
            preview: opts.preview ?? false,
            onNewResource: async (res) => {
                seen.add(res.urn);
                if (this.stack.parallel !== 1) return this.register(res, steps, replaced, opts.preview ?? false);
                // One step at a time, in registration order, as the engine runs `--parallel 1`.
                const step = this.serial.then(() => this.register(res, steps, replaced, opts.preview ?? false));
                this.serial = step.then(() => undefined, () => undefined);
                return step;
            },
        });
        if (!opts.preview) {
            for (const old of replaced) await this.host.delete(old.id, old.urn, old.outputs);
            for (const entry of [...this.state.values()].reverse()) {
                if (!seen.has(entry.urn)) {
                    await this.host.delete(entry.id, entry.urn, entry.outputs);
                    this.state.delete(entry.urn);
                    steps[entry.urn] = "delete";
                }
            }
        }
        return { outputs: run.outputs, steps, run };
    }

    private async register(res: CapturedResource, steps: Record<string, Step>, replaced: StateEntry[], preview: boolean): Promise<{ id?: string; state: Props }> {
        const old = this.state.get(res.urn);
        // The host's Configure answers acceptSecrets=false, so the engine strips secret wrappers before calling it.
        const checked = await this.host.check(res.urn, old?.inputs ?? {}, unwrapSecrets(res.inputs) as Props);
        if (checked.failures.length > 0) {
            throw new Error(`check failed: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
        }
        if (!old) {
            if (preview) {
                steps[res.urn] = "preview-create";
                return { state: checked.inputs };
            }
            const created = await this.guard(res, checked.inputs, () => this.host.create(res.urn, checked.inputs));
            this.state.set(res.urn, { urn: res.urn, type: res.type, id: created.id, inputs: checked.inputs, outputs: created.properties });
            steps[res.urn] = "create";
            return { id: created.id, state: created.properties };
        }
        const diff = await this.host.diff(old.id, res.urn, old.outputs, checked.inputs);
        // As the engine: DIFF_UNKNOWN falls back to comparing the old and new inputs; init errors force an update.
        const changed =
            diff.changes === "DIFF_SOME" ||
            (diff.changes === "DIFF_UNKNOWN" && !sameJson(old.inputs, checked.inputs)) ||
            (old.initErrors?.length ?? 0) > 0;
        if (!changed) {
            steps[res.urn] = "same";
            // A same step keeps the old outputs but records the new checked inputs.
            this.state.set(res.urn, { ...old, inputs: checked.inputs });
            return { id: old.id, state: old.outputs };
        }
        if (diff.replaces.length > 0) {
            if (preview) {
                steps[res.urn] = "preview-replace";
                return { state: checked.inputs };
            }
            // The engine checks the replacement again as a new resource (no olds).
            const fresh = await this.host.check(res.urn, {}, unwrapSecrets(res.inputs) as Props);
            // A failed replacement leaves the old resource in state (pending deletion in the engine).
            const created = await this.guard(res, fresh.inputs, () => this.host.create(res.urn, fresh.inputs), old);
            replaced.push(old);
            this.state.set(res.urn, { urn: res.urn, type: res.type, id: created.id, inputs: fresh.inputs, outputs: created.properties });
            steps[res.urn] = "replace";
            return { id: created.id, state: created.properties };
        }
        if (preview) {
            steps[res.urn] = "preview-update";
            // A provider without preview support: the engine shows only the new inputs.
            return { id: old.id, state: checked.inputs };
        }
        const outputs = await this.guard(res, checked.inputs, async () => ({
            id: old.id,
            properties: await this.host.update(old.id, res.urn, old.outputs, checked.inputs, { oldInputs: old.inputs }),
        }));
        this.state.set(res.urn, { ...old, inputs: checked.inputs, outputs: outputs.properties, initErrors: undefined });
        steps[res.urn] = "update";
        return { id: old.id, state: outputs.properties };
    }

    /** Runs a create or update; an init failure is recorded in state as the engine does, then rethrown. */
    private async guard(res: CapturedResource, inputs: Props, fn: () => Promise<{ id: string; properties: Props }>, replacing?: StateEntry): Promise<{ id: string; properties: Props }> {
        if (this.failed) {
            // After the first failed step the engine schedules no further steps.
            throw new Error(`not run: an earlier step of this update failed (${res.urn})`);
        }
        try {
            return await fn();
        } catch (err) {
            this.failed = true;
            if (err instanceof HostCallError && err.initFailure && !replacing) {
                this.state.set(res.urn, {
                    urn: res.urn,
                    type: res.type,
                    id: err.initFailure.id,
                    inputs,
                    outputs: err.initFailure.properties,
                    initErrors: err.initFailure.reasons,
                });
            }
            throw err;
        }
    }

    /** `pulumi refresh`: Read for every resource; an empty id removes it from state. */
    async refresh(): Promise<Record<string, Step>> {
        const steps: Record<string, Step> = {};
        for (const entry of [...this.state.values()]) {
            const read = await this.host.read(entry.id, entry.urn, entry.outputs, entry.inputs);
            if (!read.id) {
                this.state.delete(entry.urn);
                steps[entry.urn] = "gone";
            } else {
                // A successful refresh clears the resource's init errors, as the engine does.
                this.state.set(entry.urn, { ...entry, id: read.id, outputs: read.properties, initErrors: undefined, ...(read.inputs ? { inputs: read.inputs } : {}) });
                steps[entry.urn] = "read";
            }
        }
        return steps;
    }

    /** `pulumi destroy`: Delete every resource, last registered first; a failed delete keeps it in state. */
    async destroy(): Promise<Record<string, Step>> {
        const steps: Record<string, Step> = {};
        for (const entry of [...this.state.values()].reverse()) {
            await this.host.delete(entry.id, entry.urn, entry.outputs);
            this.state.delete(entry.urn);
            steps[entry.urn] = "delete";
        }
        return steps;
    }

    /** The outputs in state of the resource named `name`. */
    outputsOf(name: string): Props {
        const entry = [...this.state.values()].find((e) => e.urn.endsWith(`::${name}`));
        if (!entry) throw new Error(`no resource named ${name} in state`);
        return entry.outputs;
    }
}

function sameJson(a: unknown, b: unknown): boolean {
    return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
    }
    return value;
}
