/**
 * The cancellation provider's check and diff in-process (no request is made): each bad `operation` gets
 * its own reason, unknown values pass during preview, and diff replaces exactly on what names another
 * operation or endpoint. The same steps through Pulumi's host are in tests/cancellation.
 */
import { UNKNOWN } from "../../provider/dynamic/inputs";
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { GOOGLE_SCOPE_VARIABLES, NO_CONFIG } from "../support/stackConfig";
import { checkFailures } from "./support";

const NAME = "projects/my-proj/locations/us-central1/operations/op-1";
const provider = createCancellationProvider({ config: NO_CONFIG });

const failuresOf = (news: Record<string, unknown>) => checkFailures(provider, news);

describe("check: operation", () => {
    const REQUIRED = "operation is required: an operation name projects/{project}/locations/{location}/operations/{id}, a full resource name or an API URL";

    test.each([[undefined], [null], [""]])("%j is required", async (operation) => {
        expect((await failuresOf({ operation })).operation).toBe(REQUIRED);
    });

    test("a value that is not a string", async () => {
        expect((await failuresOf({ operation: 42 })).operation).toBe("operation must be a string");
    });

    test("an unknown value (preview) and a valid name pass", async () => {
        expect(await failuresOf({ operation: UNKNOWN })).toEqual({});
        expect(await failuresOf({ operation: NAME })).toEqual({});
    });

    test("an invalid name is refused with the parser's reason", async () => {
        expect((await failuresOf({ operation: "projects/my-proj/locations/us-central1" })).operation).toMatch(/^operation .*projects\/my-proj\/locations\/us-central1/);
    });

    test("a bare id is completed from project and location, refused without them, and waits while they are unknown", async () => {
        expect(await failuresOf({ operation: "op-1", project: "my-proj", location: "us-central1" })).toEqual({});
        const saved = GOOGLE_SCOPE_VARIABLES.map((k) => [k, process.env[k]] as const);
        for (const k of GOOGLE_SCOPE_VARIABLES) delete process.env[k];
        try {
            expect((await failuresOf({ operation: "op-1", location: "us-central1" })).operation).toMatch(/^operation "op-1" is a bare operation id; set .*project \(or gcp:project \/ GOOGLE_PROJECT\)/);
            expect((await failuresOf({ operation: "op-1", project: "my-proj" })).operation).toMatch(/^operation "op-1" is a bare operation id; set .*location/);
        } finally {
            for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
        }
        expect(await failuresOf({ operation: "op-1", project: UNKNOWN, location: "us-central1" })).toEqual({});
        expect(await failuresOf({ operation: "op-1", project: "my-proj", location: UNKNOWN })).toEqual({});
    });

    test("project and location must be strings", async () => {
        const failures = await failuresOf({ operation: NAME, project: 7, location: false });
        expect(Object.keys(failures).sort()).toEqual(["location", "project"]);
    });
});

describe("diff", () => {
    const olds = { operation: NAME, operationInput: NAME, service: "clouddeploy", endpoint: "https://clouddeploy.googleapis.com", apiVersion: "v1" };

    test("the same inputs change nothing", async () => {
        const result = await provider.diff!("id", olds, { operation: NAME, service: "clouddeploy" });
        expect(result.replaces ?? []).toEqual([]);
        expect(result.changes).toBe(false);
    });

    test.each<[Record<string, unknown>, string[]]>([
        [{ operation: "projects/my-proj/locations/us-central1/operations/op-2", service: "clouddeploy" }, ["operation"]],
        [{ operation: NAME, service: "clouddeploy", apiVersion: "v1beta1" }, ["apiVersion"]],
        [{ operation: NAME, service: "clouddeploy", endpoint: "http://127.0.0.1:9" }, ["endpoint"]],
    ])("%j replaces %j", async (news, replaces) => {
        const result = await provider.diff!("id", olds, news);
        expect(result.changes).toBe(true);
        expect(result.replaces).toEqual(replaces);
    });

    test("another service for the same name replaces on service (and the endpoint it resolves to)", async () => {
        const result = await provider.diff!("id", { ...olds, service: "gkemulticloud", endpoint: "https://us-central1-gkemulticloud.googleapis.com" }, { operation: NAME, service: "clouddeploy" });
        expect(result.replaces).toEqual(["service", "endpoint"]);
    });

    test("an unknown input that decides the target replaces on operation", async () => {
        for (const key of ["operation", "service", "endpoint", "apiVersion", "project", "location", "universeDomain"]) {
            const result = await provider.diff!("id", olds, { operation: NAME, service: "clouddeploy", [key]: UNKNOWN });
            expect(result).toEqual({ changes: true, replaces: ["operation"], deleteBeforeReplace: false });
        }
    });
});
