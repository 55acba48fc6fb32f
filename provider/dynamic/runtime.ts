/**
 * The code the serialized trampoline (`./trampoline`) delegates to, loaded by package name
 * (`pulumi-gcp-operations/runtime`) inside Pulumi's dynamic-provider host at call time.
 *
 * It holds the per-process stack config captured by `configure` and builds one provider per kind,
 * lazily, from `./cancellationProvider` and `./sweepProvider`.
 *
 * @packageDocumentation
 */
import "../util/requireSupportedNode";
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind, TrampolineRuntime } from "./trampoline";
import { withUrn } from "./urn";

export type { ResourceKind } from "./trampoline";

/** Read-only view of the stack configuration (namespaced keys such as `gcp:project`; secrets unwrapped). */
export interface RuntimeConfig {
    /** The value of `key`, or `undefined` when unset (or when the host never called `configure`). */
    get(key: string): string | undefined;
    /** The value of `key`; throws an error naming the key (never a value) when unset. */
    require(key: string): string;
}

/** What a provider factory receives. */
export interface ProviderContext {
    /** The stack config forwarded by the host's `configure`; read it at call time, not at construction. */
    readonly config: RuntimeConfig;
}

/** Builds the provider implementation of one kind. */
export type ProviderFactory = (ctx: ProviderContext) => pulumi.dynamic.ResourceProvider;

/** A provider whose optional methods are filled with the host's defaults for a missing method. */
export type CompleteProvider = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** The minimal shape of the host's configure request this module relies on. */
export interface RuntimeConfigureRequest {
    /** The host's config accessor. */
    readonly config: Pick<pulumi.dynamic.Config, "get">;
}

interface SharedState {
    config: Pick<pulumi.dynamic.Config, "get"> | undefined;
    readonly testFactories: Map<string, ProviderFactory>;
}

/*
 * Kept on globalThis under a registered symbol so that every copy of this module loaded in one process
 * (a second resolution path, a test preload) sees the same config and test registrations.
 */
const STATE_KEY = Symbol.for("pulumi-gcp-operations/runtime.state.v1");

function sharedState(): SharedState {
    const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;
    let state = holder[STATE_KEY];
    if (state === undefined) {
        state = { config: undefined, testFactories: new Map() };
        holder[STATE_KEY] = state;
    }
    return state;
}

const runtimeConfig: RuntimeConfig = {
    get(key: string): string | undefined {
        return sharedState().config?.get(key);
    },
    require(key: string): string {
        const value = sharedState().config?.get(key);
        if (value === undefined) {
            throw new Error(`pulumi-gcp-operations: missing required stack configuration "${key}"`);
        }
        return value;
    },
};

const context: ProviderContext = Object.freeze({ config: runtimeConfig });

const cache = new Map<string, { factory: ProviderFactory; provider: CompleteProvider }>();

/**
 * Records the stack config for this process. Called by the trampoline's `configure`, which the host
 * invokes once per distinct `__provider` text, before that provider's first method call, always with
 * the same per-process config. The latest call wins; providers read it at call time.
 *
 * @param req - The host's configure request.
 */
export function configureRuntime(req: RuntimeConfigureRequest): void {
    sharedState().config = req.config;
}

function builtinFactory(kind: string): ProviderFactory {
    switch (kind) {
        case "cancellation":
            return (require("./cancellationProvider") as { createCancellationProvider: ProviderFactory })
                .createCancellationProvider;
        case "sweep":
            return (require("./sweepProvider") as { createSweepProvider: ProviderFactory }).createSweepProvider;
        default:
            throw new Error(
                `pulumi-gcp-operations: unknown resource kind "${kind}"; ` +
                    "is the installed package older than the one that created this resource?",
            );
    }
}

/** Adds the resource's URN (see `./urn`) to the outputs a partially created resource records. */
function urnIntoInitError(err: unknown, from: Record<string, unknown>): unknown {
    const e = err as { properties?: unknown } | null;
    if (e && typeof e === "object" && e.properties && typeof e.properties === "object" && !Array.isArray(e.properties)) {
        e.properties = withUrn(e.properties as Record<string, unknown>, from);
    }
    return err;
}

/*
 * Besides filling in missing methods, the steps that record outputs keep the hidden URN input in them
 * (see `./urn`): refresh and delete only see the outputs.
 */
function complete(p: pulumi.dynamic.ResourceProvider): CompleteProvider {
    return {
        check: (olds, news) => (p.check ? p.check(olds, news) : Promise.resolve({ inputs: news })),
        diff: (id, olds, news) => (p.diff ? p.diff(id, olds, news) : Promise.resolve({})),
        create: async (inputs) => {
            try {
                const result = await p.create(inputs);
                return result ? { ...result, outs: withUrn(result.outs, inputs) } : result;
            } catch (err) {
                throw urnIntoInitError(err, inputs);
            }
        },
        read: async (id, props) => {
            if (!p.read) return { id, props };
            const result = await p.read(id, props);
            return result ? { ...result, props: withUrn(result.props, props) } : result;
        },
        update: async (id, olds, news) => {
            if (!p.update) return {};
            try {
                const result = await p.update(id, olds, news);
                return result ? { ...result, outs: withUrn(result.outs, news) } : result;
            } catch (err) {
                throw urnIntoInitError(err, news);
            }
        },
        delete: (id, props) => (p.delete ? p.delete(id, props) : Promise.resolve()),
    };
}

/**
 * The provider implementation for `kind`, built once per process on first use. Methods the
 * implementation omits behave as the host behaves when a dynamic provider omits them.
 *
 * @param kind - The resource kind named by the trampoline.
 * @returns A provider with every CRUD method present.
 */
export function providerFor(kind: ResourceKind): CompleteProvider {
    const factory = sharedState().testFactories.get(kind) ?? builtinFactory(kind);
    const cached = cache.get(kind);
    if (cached !== undefined && cached.factory === factory) {
        return cached.provider;
    }
    const provider = complete(factory(context));
    cache.set(kind, { factory, provider });
    return provider;
}

/**
 * Test-only: makes `providerFor(kind)` use `factory` (or, with `undefined`, the built-in one again) in
 * this process. Registrations are process-wide, shared by every copy of this module.
 *
 * @param kind - A kind name; may shadow a built-in kind.
 * @param factory - The factory to use, or `undefined` to remove the registration.
 */
export function registerProviderForTesting(kind: string, factory: ProviderFactory | undefined): void {
    const { testFactories } = sharedState();
    if (factory === undefined) {
        testFactories.delete(kind);
    } else {
        testFactories.set(kind, factory);
    }
    cache.delete(kind);
}

/* ---- The trampoline protocol (see `TrampolineRuntime`): called by `__provider` texts stored in state. ---- */

function isConfigureRequest(arg: unknown): arg is RuntimeConfigureRequest {
    const config = (arg as { config?: { get?: unknown } } | null | undefined)?.config;
    return typeof config?.get === "function";
}

/**
 * Trampoline entry for `configure(req)` and `create(inputs)`, which share one serialized function:
 * a configure request carries a `config.get` function, which protobuf-decoded inputs never contain.
 *
 * @param kind - The trampoline's kind.
 * @param arg - The configure request or the create inputs.
 */
export async function enter(kind: string, arg: unknown): Promise<unknown> {
    if (isConfigureRequest(arg)) {
        configureRuntime(arg);
        return undefined;
    }
    return providerFor(kind as ResourceKind).create(arg);
}

/** Trampoline entry for `check(olds, news)`. */
export async function check(kind: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult> {
    return providerFor(kind as ResourceKind).check(olds, news);
}

/** Trampoline entry for `diff(id, olds, news)`. */
export async function diff(kind: string, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult> {
    return providerFor(kind as ResourceKind).diff(id, olds, news);
}

/** Trampoline entry for `read(id, props)`. */
export async function read(kind: string, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult> {
    return providerFor(kind as ResourceKind).read(id, props);
}

/** Trampoline entry for `update(id, olds, news)`. */
export async function update(
    kind: string,
    id: string,
    olds: unknown,
    news: unknown,
): Promise<pulumi.dynamic.UpdateResult> {
    return providerFor(kind as ResourceKind).update(id, olds, news);
}

/** Trampoline entry for `delete(id, props)` (exported as `delete`). */
async function deleteEntry(kind: string, id: string, props: unknown): Promise<void> {
    return providerFor(kind as ResourceKind).delete(id, props);
}
export { deleteEntry as delete };

/* Compile-time check that this module satisfies the protocol the stored trampolines call. */
const _protocol: TrampolineRuntime = { enter, check, diff, read, update, delete: deleteEntry };
void _protocol;
