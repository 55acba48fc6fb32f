/**
 * Run by auth.test.ts in plain Node (google-auth-library's HTTP layer uses a dynamic import() that jest's VM
 * refuses): impersonation whose source is a workload-identity (external_account) credential. Its token is
 * minted at run time by a token exchange, so no setting holds it; the IAM Credentials endpoint then refuses
 * and echoes that token back. Only what the auth clients hold (their `credentials`) can keep it out of the
 * error. Prints one JSON line with the error the client shows and the minted token.
 */
import * as fs from "node:fs";
import { createServer } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { OperationsClient } from "../../provider/google";
import { listenOnLoopback } from "../support/listenOnLoopback";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";
/** Not shaped like any token the redaction recognises by its form. */
const MINTED = "minted-source-credential-77";

async function main(): Promise<void> {
    let stsCalls = 0;
    let iamSawMinted = false;
    const sts = createServer((_req, res) => {
        stsCalls++;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: MINTED, issued_token_type: "urn:ietf:params:oauth:token-type:access_token", token_type: "Bearer", expires_in: 3600 }));
    });
    const iam = createServer((req, res) => {
        const token = String(req.headers.authorization).replace(/^Bearer /, "");
        iamSawMinted ||= token === MINTED;
        res.writeHead(403, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: 403, status: "PERMISSION_DENIED", message: `the caller ${token} lacks iam.serviceAccounts.getAccessToken` } }));
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minted-"));
    const subjectToken = path.join(dir, "subject-token");
    fs.writeFileSync(subjectToken, "subject-token-from-the-platform");
    const warn = console.warn;
    console.warn = () => undefined;
    try {
        const document = {
            type: "external_account",
            audience: "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/pool/providers/provider",
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            token_url: `${await listenOnLoopback(sts)}/v1/token`,
            credential_source: { file: subjectToken },
        };
        const client = new OperationsClient({
            service: "clouddeploy",
            endpoint: "http://127.0.0.1:1",
            credentials: {
                credentials: JSON.stringify(document),
                impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com",
                iamCredentialsEndpoint: await listenOnLoopback(iam),
            },
            retry: { maxAttempts: 1 },
        });
        const error = (await client.getOperation(OP).catch((e: unknown) => e)) as Error & { code?: string };
        console.log(JSON.stringify({ minted: MINTED, stsCalls, iamSawMinted, name: error.name, code: error.code, message: error.message, stack: error.stack }));
    } finally {
        console.warn = warn;
        for (const server of [sts, iam]) {
            server.closeAllConnections();
            server.close();
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
