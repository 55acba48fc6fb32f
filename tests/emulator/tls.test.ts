import * as https from "node:https";
import { OperationsEmulator, TEST_CA_CERT } from "../../provider/testing";

const REGIONAL = "us-west1-gkemulticloud.googleapis.com";
const NAME = "projects/p/locations/us-west1/operations/op-aws";

interface TlsReply {
    status: number;
    body: string;
}

/** Dials 127.0.0.1 but speaks to `hostname` (SNI + Host), trusting only the test CA. */
function request(port: number, hostname: string, method: string, path: string, body?: string): Promise<TlsReply> {
    return new Promise((resolve, reject) => {
        const req = https.request(
            { host: "127.0.0.1", port, servername: hostname, ca: TEST_CA_CERT, method, path, headers: { host: hostname, authorization: "Bearer emulator-token", "content-type": "application/json" }, agent: false },
            (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (c: string) => (text += c));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
        );
        req.on("error", reject);
        req.end(body);
    });
}

describe("TLS and Host-based routing", () => {
    let emu: OperationsEmulator;
    let port: number;

    beforeEach(async () => {
        emu = new OperationsEmulator({ tls: true });
        const url = await emu.start();
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        port = Number(new URL(url).port);
        emu.add({ name: NAME, service: "gkemulticloud", host: REGIONAL });
    });
    afterEach(() => emu.stop());

    test("the regional host serves the operation; the global or another region's host gets 404", async () => {
        const ok = await request(port, REGIONAL, "GET", `/v1/${NAME}`);
        expect(ok.status).toBe(200);
        expect(JSON.parse(ok.body).metadata["@type"]).toBe("type.googleapis.com/google.cloud.gkemulticloud.v1.OperationMetadata");
        for (const host of ["gkemulticloud.googleapis.com", "us-east4-gkemulticloud.googleapis.com"]) {
            const miss = await request(port, host, "GET", `/v1/${NAME}`);
            expect(miss.status).toBe(404);
            expect(JSON.parse(miss.body).error.details[0].domain).toBe("gkemulticloud.googleapis.com");
        }
        const cancelWrongHost = await request(port, "gkemulticloud.googleapis.com", "POST", `/v1/${NAME}:cancel`, "{}");
        expect(cancelWrongHost.status).toBe(404);
        expect(emu.get(NAME)?.done).toBeUndefined();
        const cancel = await request(port, REGIONAL, "POST", `/v1/${NAME}:cancel`, "{}");
        expect(cancel.status).toBe(200);
        expect(emu.get(NAME)?.error?.code).toBe(1);
        expect(emu.count({ host: REGIONAL })).toBe(2);
        expect(emu.count({ host: "gkemulticloud.googleapis.com" })).toBe(2);
        expect(emu.requests[0].servername).toBe(REGIONAL);
    });

    test("list only shows operations served by the requesting host", async () => {
        const regional = JSON.parse((await request(port, REGIONAL, "GET", "/v1/projects/p/locations/us-west1/operations")).body);
        expect(regional.operations.map((o: { name: string }) => o.name)).toEqual([NAME]);
        const global = JSON.parse((await request(port, "gkemulticloud.googleapis.com", "GET", "/v1/projects/p/locations/us-west1/operations")).body);
        expect(global).toEqual({});
    });

    test("a fault matched by host hits only that host", async () => {
        emu.injectFault({ match: { host: REGIONAL }, fault: { kind: "status", code: "UNAVAILABLE" }, times: 1 });
        expect((await request(port, "clouddeploy.googleapis.com", "GET", `/v1/${NAME}`)).status).toBe(404);
        expect((await request(port, REGIONAL, "GET", `/v1/${NAME}`)).status).toBe(503);
        expect((await request(port, REGIONAL, "GET", `/v1/${NAME}`)).status).toBe(200);
    });

    test("a client that does not trust the test CA fails the handshake", async () => {
        await expect(
            new Promise((resolve, reject) => {
                const req = https.request({ host: "127.0.0.1", port, servername: REGIONAL, path: "/", agent: false }, resolve);
                req.on("error", reject);
                req.end();
            }),
        ).rejects.toThrow(/self[- ]signed certificate|unable to verify|certificate/i);
    });
});

describe("TLS with undici", () => {
    test("an undici Agent whose lookup resolves Google hostnames to the emulator", async () => {
        const { Agent, request } = await import("undici");
        const emu = new OperationsEmulator({ tls: true });
        const port = Number(new URL(await emu.start()).port);
        emu.add({ name: NAME, service: "gkemulticloud", host: REGIONAL });
        const lookup = (_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
            options.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4);
        const dispatcher = new Agent({ connect: { ca: TEST_CA_CERT, lookup: lookup as never } });
        try {
            const res = await request(`https://${REGIONAL}:${port}/v1/${NAME}`, { dispatcher, headers: { authorization: "Bearer emulator-token" } });
            expect(res.statusCode).toBe(200);
            expect(((await res.body.json()) as { name: string }).name).toBe(NAME);
            expect(emu.requests[0]).toMatchObject({ hostname: REGIONAL, servername: REGIONAL });
        } finally {
            await dispatcher.close();
            await emu.stop();
        }
    });
});
