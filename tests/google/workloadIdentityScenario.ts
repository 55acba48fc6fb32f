/**
 * Run by auth.test.ts in plain Node (google-auth-library's HTTP layer uses a dynamic import() that jest's VM
 * refuses): impersonation whose source is a workload-identity (external_account) credential, given as a
 * credentials document (`document`) or found as Application Default Credentials (`adc`). A local token
 * exchange mints the source token, a local IAM Credentials endpoint turns it into the impersonated token,
 * and the API answers 403 with a message that echoes the source token: a token the API never saw, which
 * only what the auth clients held after the successful exchange can keep out of the error. Prints one JSON
 * line with what each side saw and the error the client shows.
 */
import * as fs from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { OperationsClient } from "../../provider/google";
import { listenOnLoopback } from "../support/listenOnLoopback";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";
/** Neither is shaped like a token the redaction recognises by its form. */
const SOURCE = "workload-source-credential-31";
const IMPERSONATED = "impersonated-credential-58";

/** A server that records each request's body and authorization, then answers with `answer`. */
function recordingServer(seen: Array<{ auth: string; body: string }>, answer: (res: ServerResponse) => void): Server {
    return createServer((req: IncomingMessage, res: ServerResponse) => {
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", () => {
            seen.push({ auth: String(req.headers.authorization ?? ""), body });
            answer(res);
        });
    });
}

function json(res: ServerResponse, status: number, value: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
}

async function main(how: string): Promise<void> {
    const stsSeen: Array<{ auth: string; body: string }> = [];
    const iamSeen: Array<{ auth: string; body: string }> = [];
    const apiSeen: Array<{ auth: string; body: string }> = [];
    const sts = recordingServer(stsSeen, (res) => json(res, 200, { access_token: SOURCE, issued_token_type: "urn:ietf:params:oauth:token-type:access_token", token_type: "Bearer", expires_in: 3600 }));
    const iam = recordingServer(iamSeen, (res) => json(res, 200, { accessToken: IMPERSONATED, expireTime: new Date(Date.now() + 3_600_000).toISOString() }));
    const api = recordingServer(apiSeen, (res) => json(res, 403, { error: { code: 403, status: "PERMISSION_DENIED", message: `the workload behind ${SOURCE} may not read this operation` } }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workload-"));
    const subjectToken = path.join(dir, "subject-token");
    fs.writeFileSync(subjectToken, "subject-token-from-the-platform");
    const warn = console.warn;
    console.warn = () => undefined;
    try {
        const document = JSON.stringify({
            type: "external_account",
            audience: "//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/pool/providers/provider",
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            token_url: `${await listenOnLoopback(sts)}/v1/token`,
            credential_source: { file: subjectToken },
        });
        if (how === "adc") {
            const file = path.join(dir, "application_default_credentials.json");
            fs.writeFileSync(file, document);
            process.env.GOOGLE_APPLICATION_CREDENTIALS = file;
            // Else ADC looks the project up from the pool's project number at Cloud Resource Manager.
            process.env.GOOGLE_CLOUD_PROJECT = "my-proj";
        }
        const client = new OperationsClient({
            service: "clouddeploy",
            endpoint: await listenOnLoopback(api),
            credentials: {
                ...(how === "document" ? { credentials: document } : {}),
                impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com",
                iamCredentialsEndpoint: await listenOnLoopback(iam),
            },
            retry: { maxAttempts: 1 },
        });
        const error = (await client.getOperation(OP).catch((e: unknown) => e)) as Error & { code?: string };
        const stsScopes = stsSeen.map((s) => new URLSearchParams(s.body).get("scope"));
        console.log(
            JSON.stringify({
                source: SOURCE,
                stsScopes,
                iamAuth: iamSeen.map((s) => s.auth),
                apiAuth: apiSeen.map((s) => s.auth),
                name: error.name,
                code: error.code,
                message: error.message,
                stack: error.stack,
            }),
        );
    } finally {
        console.warn = warn;
        for (const server of [sts, iam, api]) {
            server.closeAllConnections();
            server.close();
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main(process.argv[2] ?? "document").catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
