/**
 * Runs a real Pulumi program in-process against `pulumi.runtime.setMocks`, capturing every resource
 * registration (for dynamic resources: `type = pulumi-nodejs:dynamic[/module]:Type` and the
 * serialized `__provider` among the inputs) and letting the caller answer with real host outputs.
 */
import * as pulumi from "@pulumi/pulumi";

/** One resource registration as the mock monitor saw it. */
export interface CapturedResource {
    /** Resource type token, e.g. `pulumi-nodejs:dynamic:Resource`. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** The engine-style URN (`urn:pulumi:<stack>::<project>::<type>::<name>`, no parent chain). */
    readonly urn: string;
    /** Whether it is a custom resource. */
    readonly custom: boolean;
    /** Deserialized inputs (for dynamic resources including `__provider`). */
    readonly inputs: Record<string, unknown>;
}

/** What a registration resolves to in the program. */
export interface RegistrationResult {
    /** The physical id (custom resources). */
    id?: string;
    /** The output properties. */
    state?: Record<string, unknown>;
}

/** Options for {@link runProgram}. */
export interface RunProgramOptions {
    /** Pulumi project name. */
    project: string;
    /** Stack name. */
    stack: string;
    /** Stack config, namespaced keys (`gcp:project`), as `pulumi.Config` will see it. */
    config?: Record<string, string>;
    /** Keys of `config` that are secrets. */
    secretKeys?: string[];
    /** Run as a preview (`pulumi.runtime.isDryRun()` is true). */
    preview?: boolean;
    /**
     * Answers a registration (custom resources only; components and the stack get `{}`). Throwing
     * fails that registration: the resource gets no id and empty outputs, and `runProgram` rejects with
     * the error once the run settled. Default: id `<name>-id`, state = inputs.
     */
    onNewResource?: (res: CapturedResource) => RegistrationResult | Promise<RegistrationResult>;
}

/** What {@link runProgram} resolves to. */
export interface ProgramRun {
    /** Every registration in order (including the root stack and components). */
    readonly resources: CapturedResource[];
    /** Only the dynamic resources (`pulumi-nodejs:dynamic...`). */
    readonly dynamicResources: CapturedResource[];
    /** The program's return value as resolved stack outputs. */
    readonly outputs: Record<string, unknown>;
}

/** A run whose registrations (or program) failed; carries the individual errors. */
export class ProgramRunError extends Error {
    /** Every error observed (failed registrations surface as unhandled rejections). */
    readonly errors: readonly unknown[];

    constructor(errors: unknown[]) {
        super(`program run failed:\n${errors.map((e) => `  - ${e instanceof Error ? e.message : String(e)}`).join("\n")}`);
        this.name = "ProgramRunError";
        this.errors = errors;
    }
}

/** Returns true for types registered by `pulumi.dynamic.Resource`. */
export function isDynamicType(type: string): boolean {
    return type.startsWith("pulumi-nodejs:dynamic");
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs `program` as a Pulumi stack with mocks and resolves once every registration settled.
 *
 * @param program - The Pulumi program; its return value becomes the stack outputs.
 * @param opts - Project, stack, config, preview flag and the registration callback.
 * @throws ProgramRunError when the program throws, a registration fails, or an unhandled rejection occurs.
 */
export async function runProgram(
    program: () => void | Record<string, unknown> | Promise<void | Record<string, unknown>>,
    opts: RunProgramOptions,
): Promise<ProgramRun> {
    const resources: CapturedResource[] = [];
    const errors: unknown[] = [];
    const pending = new Set<Promise<unknown>>();
    const onRejection = (reason: unknown): void => {
        errors.push(reason);
    };
    process.on("unhandledRejection", onRejection);
    try {
        pulumi.runtime.setAllConfig(opts.config ?? {}, opts.secretKeys);
        await pulumi.runtime.setMocks(
            {
                newResource: (args: pulumi.runtime.MockResourceArgs) => {
                    const captured: CapturedResource = {
                        type: args.type,
                        name: args.name,
                        urn: `urn:pulumi:${opts.stack}::${opts.project}::${args.type}::${args.name}`,
                        custom: args.custom ?? true,
                        inputs: (args.inputs ?? {}) as Record<string, unknown>,
                    };
                    resources.push(captured);
                    const work = (async (): Promise<pulumi.runtime.MockResourceResult> => {
                        if (!captured.custom) {
                            return { id: undefined, state: {} };
                        }
                        if (opts.onNewResource === undefined) {
                            return { id: `${args.name}-id`, state: captured.inputs };
                        }
                        try {
                            const r = await opts.onNewResource(captured);
                            return { id: r.id, state: r.state ?? {} };
                        } catch (e) {
                            // Recorded and thrown by runProgram at the end. Rethrowing here would make the SDK reject
                            // every output of the resource, unhandled (under jest those fail the test directly).
                            errors.push(e);
                            return { id: undefined, state: {} };
                        }
                    })();
                    pending.add(work);
                    void work.then(
                        () => pending.delete(work),
                        () => pending.delete(work),
                    );
                    return work;
                },
                call: () => ({}),
            },
            opts.project,
            opts.stack,
            opts.preview ?? false,
        );
        let outputs: Record<string, unknown> = {};
        try {
            outputs = ((await pulumi.runtime.runInPulumiStack(async () => (await program()) ?? {})) ?? {}) as Record<
                string,
                unknown
            >;
        } catch (e) {
            errors.push(e);
        }
        // Registrations started by applies after the program body: wait until quiet.
        const waitForRPCs = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
        for (let quiet = 0; quiet < 3; ) {
            if (pending.size > 0) {
                quiet = 0;
                await Promise.allSettled([...pending]);
            } else {
                quiet++;
            }
            await waitForRPCs?.();
            await tick();
        }
        if (errors.length > 0) {
            throw new ProgramRunError([...new Set(errors)]);
        }
        return { resources, dynamicResources: resources.filter((r) => isDynamicType(r.type)), outputs };
    } finally {
        process.off("unhandledRejection", onRejection);
    }
}

/**
 * The value of an output once known (`undefined` when unknown, e.g. during preview).
 *
 * @param o - Any output or input.
 */
export function outputValue<T>(o: pulumi.Input<T>): Promise<T | undefined> {
    const out = pulumi.output(o);
    const isKnown = (out as unknown as { isKnown: Promise<boolean> }).isKnown;
    return new Promise<T | undefined>((resolve, reject) => {
        isKnown.then((known) => {
            if (!known) {
                resolve(undefined);
            }
        }, reject);
        out.apply((v) => {
            resolve(v as T);
            return v;
        });
    });
}
