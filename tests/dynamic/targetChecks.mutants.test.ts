/**
 * `checkTarget` called directly: an unlisted service is refused only without an endpoint (known or still
 * unknown), each `apiVersion` form, and a bad access token refused on `accessToken` itself rather than on
 * `service` (TARGET_INPUTS). The survivors of mutation run 8 in inputs.ts (docs/mutation.md). TARGET_INPUTS
 * is a module constant: the provider (and with it inputs.ts) is loaded inside that test, so that the mutation
 * run counts the test as reaching it.
 */
import type { createCancellationProvider as CreateCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { Failures, UNKNOWN, checkTarget } from "../../provider/dynamic/inputs";
import { NO_CONFIG } from "../support/stackConfig";

function failuresOf(news: Record<string, unknown>): Failures["list"] {
    const failures = new Failures();
    checkTarget(news, failures);
    return failures.list;
}

const UNLISTED =
    'service "nosuch" is not a known service; use a registry key such as "clouddeploy" or "gkemulticloud", or set endpoint for a service not listed';

describe("an unlisted service", () => {
    test("without an endpoint is refused with the whole advice", () => {
        expect(failuresOf({ service: "nosuch" })).toEqual([{ property: "service", reason: UNLISTED }]);
    });

    test("with an endpoint, or one not yet known, is accepted", () => {
        expect(failuresOf({ service: "nosuch", endpoint: "https://nosuch.example.com" })).toEqual([]);
        expect(failuresOf({ service: "nosuch", endpoint: UNKNOWN })).toEqual([]);
    });

    test("a listed service needs no endpoint", () => {
        expect(failuresOf({ service: "clouddeploy" })).toEqual([]);
    });
});

describe("apiVersion", () => {
    test.each(["v1", "v2", "v10", "v1beta", "v1beta1", "v1beta12", "v2alpha", "v1alpha3"])("%s is accepted", (apiVersion) => {
        expect(failuresOf({ service: "clouddeploy", apiVersion })).toEqual([]);
    });

    test.each(["1", "xv1", "v1x", "v", "vx", "v1gamma", "v1beta1x", "v1betax"])("%s is refused, quoted", (apiVersion) => {
        expect(failuresOf({ service: "clouddeploy", apiVersion })).toEqual([
            { property: "apiVersion", reason: `apiVersion must look like "v1", "v2" or "v1beta1"; got ${JSON.stringify(apiVersion)}` },
        ]);
    });
});

describe("an access token the client refuses", () => {
    test("is a failure on accessToken, not on service", async () => {
        let create: typeof CreateCancellationProvider | undefined;
        jest.isolateModules(() => {
            create = (require("../../provider/dynamic/cancellationProvider") as { createCancellationProvider: typeof CreateCancellationProvider }).createCancellationProvider;
        });
        const result = await create!({ config: NO_CONFIG }).check!({}, {
            operation: "projects/my-proj/locations/us-central1/operations/op-1",
            service: "clouddeploy",
            accessToken: "two words",
        });
        expect(result.failures).toEqual([{ property: "accessToken", reason: "accessToken must be a non-empty OAuth 2 access token without whitespace" }]);
    });
});

describe("the settings inputs", () => {
    test.each(["universeDomain", "accessToken", "impersonateServiceAccount", "quotaProject"])("%s that is not a string is refused on itself", (key) => {
        expect(failuresOf({ service: "clouddeploy", [key]: 5 })).toEqual([{ property: key, reason: `${key} must be a string; got number` }]);
    });
});
