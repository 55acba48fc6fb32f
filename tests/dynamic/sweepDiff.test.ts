/**
 * The sweep provider's diff in-process (no request is made): what replaces the resource, what sweeps
 * again, what changes nothing, and when an unfinished sweep is retried. Through Pulumi's host: tests/sweep/resource.
 */
import { UNKNOWN } from "../../provider/dynamic/inputs";
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { NO_CONFIG } from "../support/stackConfig";

const PARENT = "projects/my-proj/locations/us-central1";
const provider = createSweepProvider({ config: NO_CONFIG });

/** What a finished sweep recorded: the scope as resolved and nothing left to do. */
const olds = {
    parent: PARENT,
    service: "clouddeploy",
    endpoint: "https://clouddeploy.googleapis.com",
    apiVersion: "v1",
    olderThan: "1800s",
    timeout: "20m",
    stillRunning: [],
    failures: [],
};
const news = { parent: PARENT, service: "clouddeploy", olderThan: "1800s" };
const diff = (n: Record<string, unknown>, o: Record<string, unknown> = olds) => provider.diff!("id", o, n);

describe("sweep diff", () => {
    test("the same inputs change nothing, however they are spelled", async () => {
        for (const same of [news, { ...news, olderThan: 1800 }, { ...news, verbs: [] }, { ...news, wait: true }, { ...news, timeout: "20m" }, { ...news, timeout: undefined }]) {
            expect(await diff(same)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
        }
    });

    test.each(["parent", "project", "location", "service", "endpoint", "apiVersion", "universeDomain"])("an unknown %s replaces on parent", async (key) => {
        expect(await diff({ ...news, [key]: UNKNOWN })).toEqual({ changes: true, replaces: ["parent"], deleteBeforeReplace: false });
    });

    test.each<[string, Record<string, unknown>]>([
        ["filter", { filter: 'metadata.verb = "create"' }],
        ["target", { target: `${PARENT}/deliveryPipelines/web` }],
        ["targetPrefix", { targetPrefix: `${PARENT}/deliveryPipelines/` }],
        ["verbs", { verbs: ["create"] }],
        ["olderThan", { olderThan: "1h" }],
        ["olderThan as seconds", { olderThan: 60 }],
        ["wait", { wait: false }],
        ["timeout", { timeout: "5m" }],
        ["timeout as seconds", { timeout: 90 }],
        ["dryRun", { dryRun: true }],
        ["triggers", { triggers: ["deploy-42"] }],
    ])("a changed %s sweeps again in place", async (_what, change) => {
        expect(await diff({ ...news, ...change })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    test("another parent or API version replaces on exactly that", async () => {
        expect((await diff({ ...news, parent: "projects/my-proj/locations/europe-west1" })).replaces).toEqual(["parent"]);
        expect((await diff({ ...news, apiVersion: "v1beta1" })).replaces).toEqual(["apiVersion"]);
        expect((await diff({ ...news, endpoint: "http://127.0.0.1:9" })).replaces).toEqual(["endpoint"]);
    });

    test("an unfinished sweep (still running, failures under ifFailures fail, a failed listing) is retried with cancelOn create", async () => {
        const running = { ...olds, stillRunning: [`${PARENT}/operations/a`] };
        expect((await diff(news, running)).changes).toBe(true);
        expect((await diff({ ...news, wait: false }, { ...running, wait: false })).changes).toBe(false);
        const failed = { ...olds, failures: [{ name: `${PARENT}/operations/b`, error: "denied" }] };
        expect((await diff(news, failed)).changes).toBe(true);
        expect((await diff({ ...news, ifFailures: "ignore" }, { ...failed, ifFailures: "ignore" })).changes).toBe(false);
        expect((await diff(news, { ...olds, listFailed: true })).changes).toBe(true);
        expect((await diff({ ...news, cancelOn: "delete" }, { ...running, cancelOn: "delete" })).changes).toBe(false);
        expect((await diff({ ...news, cancelOn: "both" }, { ...running, cancelOn: "both" })).changes).toBe(true);
    });

    test("credentials settings that change sweep again", async () => {
        for (const key of ["impersonateServiceAccount", "quotaProject"]) {
            const value = key === "quotaProject" ? "billing-proj" : "sa@my-proj.iam.gserviceaccount.com";
            expect(await diff({ ...news, [key]: value })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        }
    });
});
