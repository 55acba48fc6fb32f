/**
 * The object handed to `new pulumi.dynamic.Resource(...)`.
 *
 * Pulumi serializes this object (with its closure serializer) into the `__provider` input and output
 * of every resource in state, and refresh/read/delete later run the text stored in state. The
 * trampoline therefore holds no logic: each method loads `pulumi-gcp-operations/runtime` by package
 * name at call time (a `require` inside a method stays a `require` in the serialized text and is
 * resolved from the program directory by the dynamic-provider host) and hands it the call.
 *
 * Size: every distinct function costs ~190 bytes of serializer wrapper, so the methods are one-liners
 * that read the kind and the runtime specifier from `this` (the host always calls
 * `provider.method(...)`), and `configure`/`create` share one function (see {@link TrampolineRuntime}).
 * The only captured values are two strings, so the text (~1.8 KB) holds no secret and no library code
 * and is identical across package versions: an upgraded package takes effect on the next
 * refresh or destroy of an existing stack.
 *
 * Do not import anything at runtime from this module and do not reference module-level values from
 * the methods: anything referenced would be captured by value into `__provider`.
 *
 * @packageDocumentation
 */
import type * as pulumi from "@pulumi/pulumi";

/** The resource kinds implemented by `pulumi-gcp-operations/runtime`. */
export type ResourceKind = "cancellation" | "sweep";

/** The package specifier every trampoline method requires at call time. */
export const RUNTIME_SPECIFIER = "pulumi-gcp-operations/runtime";

/**
 * The serialized provider: two strings plus the seven delegating methods.
 * This shape is a protocol between `__provider` texts stored in state and every future runtime.
 */
export interface Trampoline extends pulumi.dynamic.ResourceProvider {
    /** The resource kind the runtime dispatches on. */
    readonly kind: ResourceKind;
    /** Always {@link RUNTIME_SPECIFIER}; kept as a property so each method text stays short. */
    readonly runtime: string;
}

/**
 * The functions of `pulumi-gcp-operations/runtime` that serialized trampolines call. Their names and
 * parameters are a protocol with texts already stored in state: never rename or reorder them.
 */
export interface TrampolineRuntime {
    /** `configure(req)` (when `arg.config.get` is a function) or `create(inputs)` for `kind`. */
    enter(kind: string, arg: unknown): Promise<unknown>;
    /** `check(olds, news)` for `kind`. */
    check(kind: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.CheckResult>;
    /** `diff(id, olds, news)` for `kind`. */
    diff(kind: string, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.DiffResult>;
    /** `read(id, props)` for `kind`. */
    read(kind: string, id: string, props: unknown): Promise<pulumi.dynamic.ReadResult>;
    /** `update(id, olds, news)` for `kind`. */
    update(kind: string, id: string, olds: unknown, news: unknown): Promise<pulumi.dynamic.UpdateResult>;
    /** `delete(id, props)` for `kind`. */
    delete(kind: string, id: string, props: unknown): Promise<void>;
}

/**
 * Returns the serializable dynamic provider for `kind`, delegating every call to
 * `require("pulumi-gcp-operations/runtime")` at call time.
 *
 * @param kind - Which runtime provider the methods delegate to.
 * @returns A provider object safe to pass to `new pulumi.dynamic.Resource(...)`.
 */
export function trampolineProvider(kind: ResourceKind): Trampoline {
    // One object per kind, shared by every resource of that kind: @pulumi/pulumi caches a provider's
    // serialized text by the object, so the closure serializer runs once per kind, not once per resource.
    return (madeTrampolines[kind] ??= makeTrampoline(kind));
}

const madeTrampolines: Partial<Record<ResourceKind, Trampoline>> = {};

function makeTrampoline(kind: ResourceKind): Trampoline {
    // `configure(req)` and `create(inputs)` both take one argument and can be told apart (a configure
    // request carries a `config.get` function, which protobuf-decoded inputs never do): sharing one
    // function saves ~260 bytes of serialized text.
    const enter = function (this: Trampoline, x: unknown) { return require(this.runtime).enter(this.kind, x); };
    return {
        kind,
        runtime: RUNTIME_SPECIFIER,
        configure: enter,
        create: enter,
        check(...a) { return require(this.runtime).check(this.kind, ...a); },
        diff(...a) { return require(this.runtime).diff(this.kind, ...a); },
        read(...a) { return require(this.runtime).read(this.kind, ...a); },
        update(...a) { return require(this.runtime).update(this.kind, ...a); },
        delete(...a) { return require(this.runtime).delete(this.kind, ...a); },
    };
}
