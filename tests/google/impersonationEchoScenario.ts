/**
 * Run by redaction.test.ts in plain Node (google-auth-library's HTTP layer uses a dynamic import() that
 * jest's VM refuses): an IAM Credentials endpoint that refuses impersonation and echoes the source token
 * back in its message, in the shapes argv[2] names. Prints one JSON line with every message the client shows.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { OperationsClient } from "../../provider/google";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";
const SOURCE_TOKEN = "s3cr3t-source-credential-42";

async function main(): Promise<void> {
    const iam = createServer((req, res) => {
        const auth = String(req.headers.authorization);
        const token = auth.replace(/^Bearer /, "");
        res.writeHead(403, { "content-type": "application/json" });
        res.end(
            JSON.stringify({
                error: {
                    code: 403,
                    status: "PERMISSION_DENIED",
                    message: `the caller ${token} (sent as ${auth}; url-encoded ${encodeURIComponent(`${token}/x`)}) lacks iam.serviceAccounts.getAccessToken`,
                },
            }),
        );
    });
    await new Promise<void>((resolve) => iam.listen(0, "127.0.0.1", resolve));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
        const client = new OperationsClient({
            service: "clouddeploy",
            endpoint: "http://127.0.0.1:1",
            credentials: {
                accessToken: SOURCE_TOKEN,
                impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com",
                iamCredentialsEndpoint: `http://127.0.0.1:${(iam.address() as AddressInfo).port}`,
            },
            retry: { maxAttempts: 1 },
        });
        const error = (await client.getOperation(OP).catch((e: unknown) => e)) as Error & { code?: string };
        console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message, stack: error.stack }));
    } finally {
        console.warn = warn;
        iam.closeAllConnections();
        iam.close();
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
