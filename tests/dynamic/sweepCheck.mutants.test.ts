/**
 * The sweep provider's check, failure by failure (survivors of mutation run 8 in sweepProvider.ts,
 * docs/mutation.md): each input named on its own failure, the verbs list, a zero or unreadable timeout,
 * maxConcurrency at its bounds, the parent's scope checked only when everything else passed, and the inputs
 * given back when nothing failed. No request is made.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { NO_CONFIG, useClearedGoogleScope } from "../support/stackConfig";

useClearedGoogleScope();

const PARENT = "projects/my-proj/locations/us-central1";
const provider = createSweepProvider({ config: NO_CONFIG });
const base = { parent: PARENT, service: "clouddeploy" };
const check = (extra: Record<string, unknown>) => provider.check!({}, { ...base, ...extra });
const properties = async (extra: Record<string, unknown>) => ((await check(extra)).failures ?? []).map((f) => f.property);

describe("sweep check", () => {
    test("valid inputs come back as they are, with no failures", async () => {
        const news = { ...base, maxConcurrency: 8 };
        expect(await provider.check!({}, news)).toEqual({ inputs: news });
        expect(await provider.check!({}, base)).toEqual({ inputs: base });
    });

    test.each(["project", "location", "filter", "targetPrefix", "wait", "endpoint"])("a mistyped %s is a failure on that input", async (key) => {
        expect(await properties({ [key]: 5 })).toEqual([key]);
    });

    test("an invalid parent is a failure on parent", async () => {
        expect((await check({ parent: "bogus" })).failures).toEqual([
            {
                property: "parent",
                reason: 'parent "bogus" is not an operations parent name; expected projects/{project}/locations/{location} (or the service\'s own form, such as projects/{project}/instances/{instance}), the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/',
            },
        ]);
    });

    test("verbs: null is left out; an empty list, a string or a blank verb is refused", async () => {
        expect(await check({ verbs: null })).toEqual({ inputs: { ...base, verbs: null } });
        for (const verbs of [[], "create"]) {
            expect((await check({ verbs })).failures).toEqual([
                { property: "verbs", reason: 'verbs must be a non-empty list of verbs such as ["create", "update"], or be left out' },
            ]);
        }
        expect((await check({ verbs: ["create", "  "] })).failures).toEqual([
            { property: "verbs", reason: 'verbs[1] must be a verb such as "create" or "delete"; got "  "' },
        ]);
    });

    test("a zero timeout is refused once; an unreadable one only as unreadable", async () => {
        expect((await check({ timeout: "0s" })).failures).toEqual([{ property: "timeout", reason: 'timeout must be longer than zero, such as "20m"' }]);
        expect(await properties({ timeout: "soon" })).toEqual(["timeout"]);
    });

    test("maxConcurrency from 1 to 64", async () => {
        expect(await properties({ maxConcurrency: 1 })).toEqual([]);
        expect(await properties({ maxConcurrency: 64 })).toEqual([]);
        expect(await properties({ maxConcurrency: null })).toEqual([]);
        expect((await check({ maxConcurrency: 65 })).failures).toEqual([{ property: "maxConcurrency", reason: "maxConcurrency must be a whole number from 1 to 64; got 65" }]);
        expect(await properties({ maxConcurrency: 0 })).toEqual(["maxConcurrency"]);
    });

    test("the scope is checked only when every other input passed, its failure on parent", async () => {
        expect(await provider.check!({}, { service: "clouddeploy", wait: "yes" })).toEqual({
            inputs: { service: "clouddeploy", wait: "yes" },
            failures: [{ property: "wait", reason: 'wait must be true or false; got "yes"' }],
        });
        expect((await provider.check!({}, { service: "clouddeploy" })).failures).toEqual([
            {
                property: "parent",
                reason: "parent is required: set parent to projects/{project}/locations/{location}, or set project (or gcp:project / GOOGLE_PROJECT) and location (or gcp:region / GOOGLE_REGION)",
            },
        ]);
    });

    test("a scope error about no input (unusable gcp:credentials) is a failure of the resource, naming the stack config", async () => {
        const withCredentials = createSweepProvider({ config: { get: (key) => (key === "gcp:credentials" ? "nonsense" : undefined), require: NO_CONFIG.require } });
        expect((await withCredentials.check!({}, base)).failures).toEqual([
            {
                property: "",
                reason: "credentials is neither JSON nor the path of an existing file; set it to a service account key JSON or its path (the credentials come from gcp:credentials)",
            },
        ]);
    });
});
