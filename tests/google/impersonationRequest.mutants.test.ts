/**
 * What the client asks the IAM Credentials endpoint for when it impersonates (the request body of
 * generateAccessToken: no delegates unless given, an hour's lifetime, the cloud-platform scope), and the
 * exact refusals of credential options that cannot work together (mutants that survived the mutation run,
 * docs/mutation.md). The scenario runs in plain Node (google-auth-library's dynamic import()), inside the test.
 */
import * as path from "node:path";
import { createCredentialSource, InvalidOptionError, redact } from "../../provider/google";
import { execNodeScript } from "../support/mutationCoverage";
import { thrownBy } from "../support/outcome";

describe("impersonation's request and the credential options' refusals", () => {
    test("generateAccessToken is asked for the cloud-platform scope for an hour, with no delegates", () => {
        const out = execNodeScript(path.join(__dirname, "impersonationScenario.js"), [], { encoding: "utf8", timeout: 30_000 });
        const { iamCalls } = JSON.parse(out.trim().split("\n").pop() as string) as { iamCalls: Array<{ body: string }> };
        expect(iamCalls).toHaveLength(1);
        const body = JSON.parse(iamCalls[0]!.body) as Record<string, unknown>;
        expect(body.delegates ?? []).toEqual([]);
        expect(body.lifetime).toBe("3600s");
        expect(body.scope).toEqual(["https://www.googleapis.com/auth/cloud-platform"]);
    });

    test("a source access token to impersonate from is redacted from later messages as soon as it is configured", () => {
        const token = `source-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
        expect(redact(`echoed: ${token}`)).toBe(`echoed: ${token}`);
        createCredentialSource({ accessToken: token, impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com" });
        expect(redact(`echoed: ${token}`)).toBe("echoed: [redacted]");
    });

    test("an access token and a credentials document together are refused, naming accessToken", () => {
        const err = thrownBy(() => createCredentialSource({ accessToken: "t", credentials: '{"type":"authorized_user"}' }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("accessToken");
        expect((err as Error).message).toBe("set accessToken or credentials, not both");
    });

    test("a service account to impersonate that is not an email is refused with an example of one", () => {
        const err = thrownBy(() => createCredentialSource({ impersonateServiceAccount: "deployer" }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("impersonateServiceAccount");
        expect((err as Error).message).toBe('impersonateServiceAccount "deployer" must be a service account email such as deployer@my-proj.iam.gserviceaccount.com');
    });
});
