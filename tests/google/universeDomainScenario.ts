/**
 * Run by universeDomain.mutants.test.ts in plain Node (google-auth-library's dynamic import()): one credential
 * kind asked for the headers of a request, with or without a universe domain, against a local token endpoint
 * and a local IAM Credentials endpoint. Prints one JSON line: the authorization header or the error, and the
 * calls each endpoint saw.
 *
 * Arguments: the kind (`document`, `adc` or `impersonation`), then the universe domain or `-` for none.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCredentialSource, type CredentialOptions } from "../../provider/google";
import { listenOnLoopback } from "../support/listenOnLoopback";
import { serviceAccountKeyDocument } from "../support/serviceAccountKey";

function answering(calls: string[], body: () => object): Server {
    return createServer((req, res) => {
        calls.push(String(req.url));
        req.resume();
        req.on("end", () => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify(body()));
        });
    });
}

async function main(): Promise<void> {
    const [kind, universeArgument] = process.argv.slice(2);
    const universe = universeArgument === "-" ? undefined : universeArgument;
    const tokenCalls: string[] = [];
    const iamCalls: string[] = [];
    const tokenServer = answering(tokenCalls, () => ({ access_token: "from-token-endpoint", expires_in: 3600, token_type: "Bearer" }));
    const iamServer = answering(iamCalls, () => ({ accessToken: "impersonated-token", expireTime: new Date(Date.now() + 3_600_000).toISOString() }));
    const tokenUri = await listenOnLoopback(tokenServer);
    const iamEndpoint = await listenOnLoopback(iamServer);
    const document = serviceAccountKeyDocument(tokenUri);
    const dir = mkdtempSync(join(tmpdir(), "universe-scenario-"));
    const options: CredentialOptions = universe ? { universeDomain: universe } : {};
    if (kind === "document") options.credentials = document;
    else if (kind === "adc") {
        const file = join(dir, "key.json");
        writeFileSync(file, document);
        process.env.GOOGLE_APPLICATION_CREDENTIALS = file;
    } else if (kind === "impersonation") {
        Object.assign(options, { accessToken: "source-token", impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com", iamCredentialsEndpoint: iamEndpoint });
    } else throw new Error(`unknown kind ${kind}`);
    const warn = console.warn;
    console.warn = () => undefined; // google-auth-library's advisories
    const out: { authorization?: string; error?: string; tokenCalls: string[]; iamCalls: string[] } = { tokenCalls, iamCalls };
    try {
        const headers = await createCredentialSource(options).requestHeaders(`https://clouddeploy.${universe ?? "googleapis.com"}/v1/projects/my-proj/locations/global/operations/op-1`);
        out.authorization = headers.authorization;
    } catch (err) {
        out.error = `${(err as Error).name}: ${(err as Error).message}`;
    } finally {
        console.warn = warn;
        for (const server of [tokenServer, iamServer]) {
            server.closeAllConnections();
            server.close();
        }
        rmSync(dir, { recursive: true, force: true });
    }
    console.log(JSON.stringify(out));
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
