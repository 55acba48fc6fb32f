/**
 * The resource's URN as a hidden input, so that the dynamic provider (whose methods are not given the
 * URN) can attribute its messages to the resource in the `pulumi` display.
 *
 * The resource classes compute it with `pulumi.createUrn(name, type, opts.parent)` and pass it, without
 * any dependency on the parent (see `./resourceUrn`), as the input `__urn`; the runtime copies it into the
 * outputs so that refresh and delete, which only see the outputs, know it too. Keys starting with `__` are internal to Pulumi's display (never shown in a diff),
 * and the providers' `diff` never looks at it: it never causes an update or a replace. State written
 * before it existed simply has none; messages then go to stdout as before.
 *
 * This module loads nothing: the command line imports the progress code that reads it.
 *
 * @packageDocumentation
 */

/** The hidden input (and output) holding the resource's URN. */
export const URN_KEY = "__urn";

/** The resource's URN recorded in `props`, if any. */
export function urnOf(props: Record<string, unknown> | undefined | null): string | undefined {
    const urn = props?.[URN_KEY];
    return typeof urn === "string" && urn.startsWith("urn:pulumi:") ? urn : undefined;
}

/**
 * `outs` with the URN of `from` added when `outs` has none (so that refresh and delete know it).
 *
 * @param outs - The outputs a provider returned.
 * @param from - The inputs (or recorded outputs) of the call.
 */
export function withUrn<T extends Record<string, unknown> | undefined>(outs: T, from: Record<string, unknown> | undefined): T {
    const urn = urnOf(from);
    if (urn === undefined || outs === undefined || outs === null || typeof outs !== "object" || URN_KEY in outs) return outs;
    return { ...outs, [URN_KEY]: urn };
}
