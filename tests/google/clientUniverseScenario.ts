/**
 * Run by clientUniverse.mutants.test.ts in plain Node (google-auth-library's dynamic import()): an
 * OperationsClient given `universeDomain` as its own option (not among its credentials settings) and a service
 * account key, reading one operation from a local API server; a local token endpoint is the key's `token_uri`.
 * Prints one JSON line: the authorization header the API server saw or the error, and the token endpoint's calls.
 */
import { createServer } from "node:http";
import { OperationsClient } from "../../provider/google";
import { listenOnLoopback } from "../support/listenOnLoopback";
import { serviceAccountKeyDocument } from "../support/serviceAccountKey";

const OP = "projects/my-proj/locations/global/operations/op-1";

async function main(): Promise<void> {
    const tokenCalls: string[] = [];
    const seen: { authorization?: string; error?: string; tokenCalls: string[] } = { tokenCalls };
    const tokenServer = createServer((req, res) => {
        tokenCalls.push(String(req.url));
        req.resume();
        req.on("end", () => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ access_token: "from-token-endpoint", expires_in: 3600, token_type: "Bearer" }));
        });
    });
    const apiServer = createServer((req, res) => {
        seen.authorization = req.headers.authorization;
        req.resume();
        req.on("end", () => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ name: OP, done: false }));
        });
    });
    const tokenUri = await listenOnLoopback(tokenServer);
    const apiUrl = await listenOnLoopback(apiServer);
    const document = serviceAccountKeyDocument(tokenUri);
    const warn = console.warn;
    console.warn = () => undefined; // google-auth-library's advisories
    try {
        const client = new OperationsClient({
            universeDomain: "example.com",
            service: "clouddeploy",
            endpoint: apiUrl,
            credentials: { credentials: document },
            requestTimeoutMs: 10_000,
            retry: { maxAttempts: 1 },
        });
        await client.getOperation(OP);
    } catch (err) {
        seen.error = `${(err as Error).name}: ${(err as Error).message}`;
    } finally {
        console.warn = warn;
        for (const server of [tokenServer, apiServer]) {
            server.closeAllConnections();
            server.close();
        }
    }
    console.log(JSON.stringify(seen));
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
