/**
 * Workload identity (an external_account credential) as the source of impersonation, given as a document and
 * found as Application Default Credentials, against local token, IAM and API endpoints
 * (`workloadIdentityScenario.ts`, in plain Node).
 */
import * as path from "node:path";
import { execNodeScript } from "../support/mutationCoverage";

const CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

interface ScenarioRun {
    source: string;
    stsScopes: string[];
    iamAuth: string[];
    apiAuth: string[];
    name: string;
    code: string;
    message: string;
    stack: string;
}

/**
 * Runs the scenario inside the test that checks it (not in a beforeAll): in a mutation run, what the script
 * covers counts for the current test, and a hook has none, so no mutant of auth.ts would run these tests.
 */
function runScenario(how: string): ScenarioRun {
    const out = execNodeScript(path.join(__dirname, "workloadIdentityScenario.js"), [how], { encoding: "utf8", timeout: 30_000 });
    return JSON.parse(out.trim().split("\n").pop() as string) as ScenarioRun;
}

describe.each(["document", "adc"])("a workload-identity source (%s), impersonated", (how) => {
    test("the source token is exchanged for the cloud-platform scope, and only the impersonated token reaches the API", () => {
        const run = runScenario(how);
        expect(run.stsScopes).toEqual([CLOUD_PLATFORM]);
        expect(run.iamAuth).toEqual([`Bearer ${run.source}`]);
        expect(run.apiAuth).toEqual(["Bearer impersonated-credential-58"]);
    });

    test("an API error that echoes the source token (never sent to the API) shows it redacted: what the auth clients held is remembered", () => {
        const run = runScenario(how);
        expect(run.name).toBe("GoogleApiError");
        expect(run.message).toContain("HTTP 403 PERMISSION_DENIED: the workload behind [redacted] may not read this operation");
        expect(run.message).not.toContain(run.source);
        expect(run.stack).not.toContain(run.source);
    });
});
