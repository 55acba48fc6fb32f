/**
 * An OperationsClient's own `universeDomain` option reaches the credentials it makes from its settings: a
 * service account key in that universe signs its own token (as universeDomain.mutants.test.ts shows for the
 * credentials settings' own `universeDomain`) instead of asking googleapis.com's token endpoint. The client
 * runs in plain Node (clientUniverseScenario.ts).
 */
import * as path from "node:path";
import { execNodeScript } from "../support/mutationCoverage";
import { PROXY_VARIABLES } from "../support/proxyEnvironment";

interface Seen {
    authorization?: string;
    error?: string;
    tokenCalls: string[];
}

test("a client in another universe, given a service account key, sends a token the key signed itself", () => {
    const env = { ...process.env };
    delete env.GOOGLE_APPLICATION_CREDENTIALS;
    for (const key of PROXY_VARIABLES) delete env[key];
    const out = execNodeScript(path.join(__dirname, "clientUniverseScenario.js"), [], { encoding: "utf8", timeout: 30_000, env });
    const seen = JSON.parse(out.trim().split("\n").pop() as string) as Seen;
    expect(seen.error).toBeUndefined();
    expect(seen.tokenCalls).toEqual([]);
    const match = /^Bearer [\w-]+\.([\w-]+)\.[\w-]+$/.exec(seen.authorization ?? "");
    expect(match).not.toBeNull();
    const claims = JSON.parse(Buffer.from((match as RegExpExecArray)[1] as string, "base64url").toString("utf8")) as Record<string, unknown>;
    expect({ iss: claims.iss, sub: claims.sub, scope: claims.scope }).toEqual({
        iss: "deployer@my-proj.iam.gserviceaccount.com",
        sub: "deployer@my-proj.iam.gserviceaccount.com",
        scope: "https://www.googleapis.com/auth/cloud-platform",
    });
}, 40_000);
