import { OperationsClient } from "../../provider/google";
import { OperationsEmulator, TEST_CA_CERT } from "../../provider/testing";
import { startConnectProxy, type ConnectProxy } from "../support/connectProxy";
import { FAST, TOKEN } from "./support";
import { connectToEmulator } from "./tls";

const DEPLOY_OP = "projects/my-proj/locations/us-central1/operations/operation-1";
const MULTICLOUD_OP = "projects/my-proj/locations/us-west1/operations/op-aws-1";

describe("resolved Google endpoints over TLS", () => {
    let emu: OperationsEmulator;
    let port: number;
    beforeEach(async () => {
        emu = new OperationsEmulator({ tls: true });
        port = Number(new URL(await emu.start()).port);
        emu.add({ name: DEPLOY_OP, service: "clouddeploy", host: "clouddeploy.googleapis.com" });
        emu.add({ name: MULTICLOUD_OP, service: "gkemulticloud", host: "us-west1-gkemulticloud.googleapis.com", cancelTakesMs: 50 });
    });
    afterEach(() => emu.stop());

    test("Cloud Deploy goes to the global host, GKE Multi-Cloud to the operation's regional host, the token only there", async () => {
        const dispatcher = connectToEmulator(port);
        const deploy = new OperationsClient({ service: "clouddeploy", credentials: { accessToken: TOKEN }, dispatcher, ...FAST });
        const multicloud = new OperationsClient({ service: "gkemulticloud", credentials: { accessToken: TOKEN }, dispatcher, ...FAST });
        expect((await deploy.getOperation(DEPLOY_OP)).name).toBe(DEPLOY_OP);
        const result = await multicloud.cancelAndConfirm(MULTICLOUD_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("CANCELLED");
        const hosts = new Set(emu.requests.map((r) => `${r.servername}|${r.hostname}|${r.token}`));
        expect(hosts).toEqual(new Set([`clouddeploy.googleapis.com|clouddeploy.googleapis.com|${TOKEN}`, `us-west1-gkemulticloud.googleapis.com|us-west1-gkemulticloud.googleapis.com|${TOKEN}`]));
        expect(emu.count({ host: "us-west1-gkemulticloud.googleapis.com", rpc: "cancel" })).toBe(1);
        await dispatcher.close();
    });

    test("a regional operation sent to the wrong host is not found there (the routing matters)", async () => {
        const dispatcher = connectToEmulator(port);
        const wrong = new OperationsClient({ service: "gkemulticloud", endpoint: "https://us-east4-gkemulticloud.googleapis.com", credentials: { accessToken: TOKEN }, dispatcher, ...FAST });
        await expect(wrong.getOperation(MULTICLOUD_OP)).rejects.toMatchObject({ status: "NOT_FOUND" });
        await dispatcher.close();
    });

    test("a pasted API URL selects service, host and version", async () => {
        const dispatcher = connectToEmulator(port);
        const client = new OperationsClient({ credentials: { accessToken: TOKEN }, dispatcher, ...FAST });
        const op = await client.getOperation(`https://us-west1-gkemulticloud.googleapis.com/v1/${MULTICLOUD_OP}`);
        expect(op.metadata?.["@type"]).toBe("type.googleapis.com/google.cloud.gkemulticloud.v1.OperationMetadata");
        expect(emu.requests[0].hostname).toBe("us-west1-gkemulticloud.googleapis.com");
        await dispatcher.close();
    });

    describe("through an HTTPS_PROXY", () => {
        let proxy: ConnectProxy;
        let connects: string[];
        const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
        beforeEach(async () => {
            proxy = await startConnectProxy(port);
            connects = proxy.connects;
            process.env.HTTPS_PROXY = proxy.url;
            delete process.env.NO_PROXY;
        });
        afterEach(async () => {
            for (const [k, v] of Object.entries(saved)) {
                if (v === undefined) delete process.env[k];
                else process.env[k] = v;
            }
            await proxy.close();
        });

        test("the default dispatcher tunnels through the proxy to the resolved host", async () => {
            const client = new OperationsClient({ service: "gkemulticloud", credentials: { accessToken: TOKEN }, ca: TEST_CA_CERT, ...FAST });
            const result = await client.cancelAndConfirm(MULTICLOUD_OP, { timeoutMs: 5000 });
            expect(result.outcome).toBe("CANCELLED");
            expect(connects.length).toBeGreaterThanOrEqual(1);
            expect(new Set(connects)).toEqual(new Set(["us-west1-gkemulticloud.googleapis.com:443"]));
            expect(emu.requests.every((r) => r.servername === "us-west1-gkemulticloud.googleapis.com" && r.token === TOKEN)).toBe(true);
        });

        test("NO_PROXY keeps a loopback endpoint off the proxy", async () => {
            process.env.NO_PROXY = "127.0.0.1";
            const plain = new OperationsEmulator();
            const url = await plain.start();
            plain.add({ name: DEPLOY_OP });
            try {
                const client = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: TOKEN }, ...FAST });
                await client.getOperation(DEPLOY_OP);
                expect(plain.count({ rpc: "get" })).toBe(1);
                expect(connects).toEqual([]);
            } finally {
                await plain.stop();
            }
        });
    });
});
