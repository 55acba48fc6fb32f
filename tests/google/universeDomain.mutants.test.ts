/**
 * The `universeDomain` option reaches every google-auth-library client the library makes: a service account
 * key (given as a document or through ADC) in another universe signs its own token, as Google's clients do
 * outside googleapis.com, instead of asking googleapis.com's token endpoint (in googleapis.com it asks
 * oauth2.googleapis.com, whatever the key's `token_uri`, which no test here can reach); and impersonation
 * from a fixed source token works in that universe. Each scenario runs in plain Node
 * (universeDomainScenario.ts).
 */
import * as path from "node:path";
import { execNodeScript } from "../support/mutationCoverage";

interface Seen {
    authorization?: string;
    error?: string;
    tokenCalls: string[];
    iamCalls: string[];
}

function scenario(kind: "document" | "adc" | "impersonation", universe: string | undefined): Seen {
    const env = { ...process.env };
    delete env.GOOGLE_APPLICATION_CREDENTIALS;
    const out = execNodeScript(path.join(__dirname, "universeDomainScenario.js"), [kind, universe ?? "-"], { encoding: "utf8", timeout: 30_000, env });
    return JSON.parse(out.trim().split("\n").pop() as string) as Seen;
}

/** The claims of a self-signed JWT bearer token. */
function claimsOf(authorization: string | undefined): Record<string, unknown> {
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? "");
    if (!match) throw new Error(`not a JWT bearer: ${authorization}`);
    return JSON.parse(Buffer.from(match[2]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("universeDomain and the credentials", () => {
    test.each(["document", "adc"] as const)("a service account key (%s) in another universe signs its own token for the cloud-platform scope", (kind) => {
        const seen = scenario(kind, "example.com");
        expect(seen.error).toBeUndefined();
        expect(seen.tokenCalls).toEqual([]);
        const claims = claimsOf(seen.authorization);
        expect(claims.iss).toBe("deployer@my-proj.iam.gserviceaccount.com");
        expect(claims.sub).toBe("deployer@my-proj.iam.gserviceaccount.com");
        expect(claims.scope).toBe("https://www.googleapis.com/auth/cloud-platform");
    });

    test.each([undefined, "example.com"])("impersonation from a fixed source token works in universe %p: one IAM call, the impersonated token used", (universe) => {
        const seen = scenario("impersonation", universe);
        expect(seen).toEqual({ authorization: "Bearer impersonated-token", tokenCalls: [], iamCalls: ["/v1/projects/-/serviceAccounts/deployer@my-proj.iam.gserviceaccount.com:generateAccessToken"] });
    });
});
