/**
 * `resolveSettings`: a token from stack config is reported as coming from `gcp:accessToken`, and
 * userProjectOverride is true only for the whole word (a value merely ending in "true" is not). The
 * survivors of mutation run 8 in settings.ts (docs/mutation.md).
 */
import { resolveSettings } from "../../provider/dynamic/settings";
import { configOf as config } from "../support/stackConfig";


test("a token from stack config names gcp:accessToken as its source", () => {
    const s = resolveSettings({}, config({ "gcp:accessToken": "config-token" }), {});
    expect(s.credentials).toEqual({ accessToken: "config-token" });
    expect(s.credentialsFrom).toBe("gcp:accessToken");
});

test.each(["untrue", "11", "notyes"])("userProjectOverride %s is not true: no quota project", (value) => {
    expect(resolveSettings({}, config({ "gcp:userProjectOverride": value, "gcp:billingProject": "b" }), {}).quotaProject).toBeUndefined();
});
