/**
 * Run by auth.test.ts in plain Node: a local IAM Credentials endpoint mints an impersonated token from the
 * source token, and the client uses it against the emulator. Prints one JSON line with what each side saw.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { OperationsClient } from "../../provider/google";
import { OperationsEmulator } from "../../provider/testing";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";

async function main(): Promise<void> {
    const iamCalls: Array<{ url: string; auth: string | undefined; body: string }> = [];
    const iam = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => (body += chunk));
        req.on("end", () => {
            iamCalls.push({ url: String(req.url), auth: req.headers.authorization, body });
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ accessToken: "impersonated-token", expireTime: new Date(Date.now() + 3_600_000).toISOString() }));
        });
    });
    await new Promise<void>((resolve) => iam.listen(0, "127.0.0.1", resolve));
    const emu = new OperationsEmulator({ tokens: ["impersonated-token"] });
    const url = await emu.start();
    emu.add({ name: OP, cancelTakesMs: 0 });
    const warn = console.warn;
    console.warn = () => undefined; // google-auth-library's advisory about unvalidated configurations
    try {
        const client = new OperationsClient({
            service: "clouddeploy",
            endpoint: url,
            credentials: {
                accessToken: "source-token",
                impersonateServiceAccount: "deployer@my-proj.iam.gserviceaccount.com",
                iamCredentialsEndpoint: `http://127.0.0.1:${(iam.address() as AddressInfo).port}`,
            },
        });
        const result = await client.cancelAndConfirm(OP, { wait: false });
        console.log(JSON.stringify({ outcome: result.outcome, iamCalls, apiTokens: emu.requests.slice(0, 2).map((r) => r.token) }));
    } finally {
        console.warn = warn;
        await emu.stop();
        iam.closeAllConnections();
        iam.close();
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
