/**
 * `providerFor` and `registerProviderForTesting` in-process: a kind's provider is built once and reused,
 * registering (even the same factory again) starts afresh, removing a registration removes it, and an
 * unknown kind's whole message (the survivors of mutation run 8 in runtime.ts, docs/mutation.md).
 */
import type { ProviderFactory, ResourceKind } from "../../provider/dynamic/runtime";
import { providerFor, registerProviderForTesting } from "../../provider/dynamic/runtime";
import { thrownBy } from "../support/outcome";

const KIND = "registry-test" as ResourceKind;

function countingFactory(): { factory: ProviderFactory; built: () => number } {
    let built = 0;
    return {
        factory: () => {
            built++;
            return { create: async () => ({ id: `built-${built}` }) };
        },
        built: () => built,
    };
}

afterEach(() => registerProviderForTesting(KIND, undefined));

test("a kind's provider is built once and the same object is given every time", () => {
    const { factory, built } = countingFactory();
    registerProviderForTesting(KIND, factory);
    const first = providerFor(KIND);
    expect(providerFor(KIND)).toBe(first);
    expect(built()).toBe(1);
});

test("registering the same factory again builds a new provider", async () => {
    const { factory, built } = countingFactory();
    registerProviderForTesting(KIND, factory);
    const first = providerFor(KIND);
    registerProviderForTesting(KIND, factory);
    const second = providerFor(KIND);
    expect(built()).toBe(2);
    expect(second).not.toBe(first);
    await expect(second.create({})).resolves.toEqual({ id: "built-2", outs: undefined });
});

test("a removed registration is gone: the kind is unknown again, with the whole message", () => {
    registerProviderForTesting(KIND, countingFactory().factory);
    providerFor(KIND);
    registerProviderForTesting(KIND, undefined);
    const err = thrownBy(() => providerFor(KIND)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe(
        'pulumi-gcp-operations: unknown resource kind "registry-test"; is the installed package older than the one that created this resource?',
    );
});
