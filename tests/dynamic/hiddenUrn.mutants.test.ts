/**
 * The hidden URN input's key is `__urn` (the name the resource classes and recorded state use), and
 * `withUrn` passes outputs that are not an object (null, undefined) through untouched; and a partly
 * created resource's error is named ResourceInitError. Survivors of mutation run 8 in urn.ts and
 * initError.ts (docs/mutation.md). URN_KEY is a module constant: urn.ts is loaded again inside its test, so
 * that the mutation run counts the test as reaching it.
 */
import { ResourceInitError } from "../../provider/dynamic/initError";
import { URN_KEY, urnOf, withUrn } from "../../provider/dynamic/urn";

const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationCancellation::x";

test("the key is __urn, in inputs and in the outputs it is copied to", () => {
    let fresh: typeof import("../../provider/dynamic/urn") | undefined;
    jest.isolateModules(() => {
        fresh = require("../../provider/dynamic/urn") as typeof import("../../provider/dynamic/urn");
    });
    expect(fresh!.URN_KEY).toBe("__urn");
    expect(fresh!.urnOf({ __urn: URN })).toBe(URN);
    expect(fresh!.withUrn({ status: "CANCELLED" }, { __urn: URN })).toEqual({ status: "CANCELLED", __urn: URN });
    expect(URN_KEY).toBe("__urn");
    expect(urnOf({ __urn: URN })).toBe(URN);
});

test("outputs that are null or undefined are given back as they are", () => {
    expect(withUrn(null as unknown as Record<string, unknown>, { __urn: URN })).toBeNull();
    expect(withUrn(undefined, { __urn: URN })).toBeUndefined();
});

test("ResourceInitError is named so, in its text and stack", () => {
    const err = new ResourceInitError("cancel failed", "op-1", { status: "FAILED" });
    expect(err.name).toBe("ResourceInitError");
    expect(String(err)).toBe("ResourceInitError: cancel failed");
    expect(err.reasons).toEqual(["cancel failed"]);
});
