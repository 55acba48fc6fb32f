import * as path from "node:path";
import { CredentialsError, InvalidOptionError, createCredentialSource, sharedCredentialSource } from "../../provider/google";
import { withoutCredentialsDeprecationWarning } from "../../provider/google/auth";
import { execNodeScript } from "../support/mutationCoverage";

describe("credential sources", () => {
    test("one source per distinct configuration, reused", () => {
        const a = sharedCredentialSource({ accessToken: "token-a" });
        expect(sharedCredentialSource({ accessToken: "token-a" })).toBe(a);
        expect(sharedCredentialSource({ accessToken: "token-b" })).not.toBe(a);
        expect(a.kind).toBe("access-token");
    });

    test("options are validated up front, naming the field", () => {
        expect(() => createCredentialSource({ accessToken: "a", credentials: "{}" })).toThrow(InvalidOptionError);
        expect(() => createCredentialSource({ accessToken: " " })).toThrow(/accessToken must be a non-empty/);
        expect(() => createCredentialSource({ impersonateServiceAccount: "not an email" })).toThrow(/impersonateServiceAccount .* must be a service account email/);
    });

    test("a credentials value that is neither JSON nor a file is rejected without echoing it", () => {
        const secretish = "-----BEGIN PRIVATE KEY----- abc";
        let error: unknown;
        try {
            createCredentialSource({ credentials: secretish });
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect((error as Error).message).toMatch(/credentials is neither JSON nor the path/);
        expect((error as Error).message).not.toContain("PRIVATE KEY");
    });

    test("Application Default Credentials that cannot be found give the fix, lazily, at the first request", async () => {
        const saved = { ...process.env };
        process.env.GOOGLE_APPLICATION_CREDENTIALS = "/nonexistent/adc.json";
        process.env.METADATA_SERVER_DETECTION = "none";
        try {
            const source = createCredentialSource({});
            expect(source.kind).toBe("application-default");
            const error = await source.requestHeaders("https://clouddeploy.googleapis.com/v1/x").catch((e: unknown) => e);
            expect(error).toBeInstanceOf(CredentialsError);
            expect((error as Error).message).toMatch(/gcloud auth application-default login/);
        } finally {
            process.env = saved;
        }
    });

    test("a credentials document is JSON text with a type, leading spaces allowed; JSON without a type is refused without echoing it", () => {
        const doc = JSON.stringify({ type: "authorized_user", client_id: "x", client_secret: "y", refresh_token: "z" });
        expect(createCredentialSource({ credentials: `  \n${doc}` }).kind).toBe("credentials-json");
        for (const untyped of ['{"client_secret": "hidden-value"}', '{"type": 7, "client_secret": "hidden-value"}', '{"type": null}']) {
            let error: unknown;
            try {
                createCredentialSource({ credentials: untyped });
            } catch (err) {
                error = err;
            }
            expect(error).toBeInstanceOf(InvalidOptionError);
            expect((error as Error).message).toBe('credentials must be a Google credentials JSON document (with a "type" field) or a path to one');
        }
    });

    test("a credentials document that cannot give a token says which document setting to check", async () => {
        // The token request fails whatever the cause here (no network; in jest, google-auth-library's HTTP layer
        // cannot load either): the message's frame is what is checked, and the document's values are placeholders.
        const doc = JSON.stringify({ type: "authorized_user", client_id: "x", client_secret: "y", refresh_token: "z" });
        const error = await createCredentialSource({ credentials: doc })
            .requestHeaders("https://clouddeploy.googleapis.com/v1/x")
            .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CredentialsError);
        expect((error as Error).message).toMatch(/^Could not use the credentials document \(.*\)\. Check gcp:credentials \/ GOOGLE_CREDENTIALS: a service account key or authorized-user JSON, or a path to one$/);
    });

    test("a credentials document is accepted as JSON text", () => {
        const doc = JSON.stringify({ type: "authorized_user", client_id: "x", client_secret: "y", refresh_token: "z" });
        expect(createCredentialSource({ credentials: doc }).kind).toBe("credentials-json");
    });

    test("impersonation: the source token buys an impersonated token at the IAM Credentials endpoint, which then reaches the API", () => {
        // google-auth-library's HTTP layer uses a dynamic import() that jest's VM refuses, so the scenario runs in plain Node.
        const out = execNodeScript(path.join(__dirname, "impersonationScenario.js"), [], { encoding: "utf8", timeout: 30_000 });
        const result = JSON.parse(out.trim().split("\n").pop() as string);
        expect(result.outcome).toBe("CANCELLED");
        expect(result.iamCalls).toHaveLength(1);
        expect(result.iamCalls[0].url).toBe("/v1/projects/-/serviceAccounts/deployer@my-proj.iam.gserviceaccount.com:generateAccessToken");
        expect(result.iamCalls[0].auth).toBe("Bearer source-token");
        expect(JSON.parse(result.iamCalls[0].body).scope).toEqual(["https://www.googleapis.com/auth/cloud-platform"]);
        expect(result.apiTokens).toEqual(["impersonated-token", "impersonated-token"]);
    });

    test("an IAM endpoint that echoes the source token back never puts it into CredentialsError.message", () => {
        const out = execNodeScript(path.join(__dirname, "impersonationEchoScenario.js"), [], { encoding: "utf8", timeout: 30_000 });
        const error = JSON.parse(out.trim().split("\n").pop() as string);
        expect(error.name).toBe("CredentialsError");
        expect(error.code).toBe("ERR_CREDENTIALS");
        expect(error.message).toMatch(/Could not impersonate the service account/);
        expect(error.message).toContain("[redacted]");
        // Not in the message, not in the stack, in none of the echoed forms.
        for (const form of ["s3cr3t-source-credential-42", encodeURIComponent("s3cr3t-source-credential-42/x")]) {
            expect(error.message).not.toContain(form);
            expect(error.stack).not.toContain(form);
        }
    });
});

describe("a token minted at run time (no setting holds it)", () => {
    test("echoed back by the IAM endpoint, it is kept out of CredentialsError: what the auth clients hold is redacted", () => {
        const out = execNodeScript(path.join(__dirname, "impersonationMintedScenario.js"), [], { encoding: "utf8", timeout: 30_000 });
        const error = JSON.parse(out.trim().split("\n").pop() as string);
        expect(error.code).toBe("ERR_CREDENTIALS");
        expect(error.message).toMatch(/^Could not impersonate the service account \(.*the caller \[redacted\] lacks iam\.serviceAccounts\.getAccessToken\)/);
        expect(error.stsCalls).toBeGreaterThanOrEqual(1);
        expect(error.iamSawMinted).toBe(true);
        expect(error.message).not.toContain(error.minted);
        expect(error.stack).not.toContain(error.minted);
    });
});

describe("google-auth-library's advisories", () => {
    test("a credentials document prints no 'credentials option is deprecated' warning, and other warnings still print", async () => {
        const warnings: string[] = [];
        const warn = console.warn;
        console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
        try {
            const doc = JSON.stringify({ type: "authorized_user", client_id: "id.apps.googleusercontent.com", client_secret: "s3cret-value", refresh_token: "1//refresh-value" });
            const source = createCredentialSource({ credentials: doc });
            // No network here: the token request fails, after the client was built (which is when it warned).
            await source.requestHeaders("https://clouddeploy.googleapis.com/v1/x").catch(() => undefined);
            console.warn("another warning");
        } finally {
            console.warn = warn;
        }
        expect(warnings.filter((w) => /deprecated/.test(w))).toEqual([]);
        expect(warnings).toContain("another warning");
    });

    test("while a client is built, only that advisory is dropped; console.warn is itself again afterwards, even when building throws", () => {
        const seen: unknown[][] = [];
        const mine = (...args: unknown[]) => void seen.push(args);
        const warn = console.warn;
        console.warn = mine;
        try {
            const built = withoutCredentialsDeprecationWarning(() => {
                console.warn("The `credentials` option is deprecated. Use a client class instead.");
                console.warn("a warning of another kind", 1);
                console.warn({ not: "a string" });
                return "client";
            });
            expect(built).toBe("client");
            expect(console.warn).toBe(mine);
            expect(() =>
                withoutCredentialsDeprecationWarning(() => {
                    throw new Error("bad document");
                }),
            ).toThrow("bad document");
            expect(console.warn).toBe(mine);
        } finally {
            console.warn = warn;
        }
        expect(seen).toEqual([["a warning of another kind", 1], [{ not: "a string" }]]);
    });
});
