import * as http from "node:http";
import { OperationsEmulator } from "../../provider/testing";
import { OP, TOKEN, call, opPath, useEmulator } from "./helpers";

const MISSING = "projects/my-project/locations/us-west1/operations/nope";

/** One GET with a chosen Host header (fetch cannot set it). */
function getWithHost(base: string, path: string, host: string): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return new Promise((resolve, reject) => {
        const req = http.request(base + path, { headers: { host, authorization: `Bearer ${TOKEN}` } }, (res) => {
            let text = "";
            res.on("data", (c: Buffer) => (text += c.toString("utf8")));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end();
    });
}

describe("the service a request addresses (ErrorInfo.domain of a 404)", () => {
    const { emu, url } = useEmulator();

    test.each([
        ["us-west1-gkemulticloud.googleapis.com", "gkemulticloud"],
        ["gkemulticloud.googleapis.com", "gkemulticloud"],
        ["gkemulticloud.mtls.googleapis.com", "gkemulticloud"],
        ["clouddeploy.googleapis.com", "clouddeploy"],
        ["europe-west1-redis.googleapis.com:443", "redis"],
    ])("Host %s: domain %s.googleapis.com", async (host, service) => {
        const r = await getWithHost(url(), opPath(MISSING), host);
        expect(r.status).toBe(404);
        expect(r.json.error.details[0]).toEqual({
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "OPERATION_NOT_FOUND",
            domain: `${service}.googleapis.com`,
            metadata: { resource: MISSING },
        });
        expect(emu().requests.at(-1)?.service).toBe(service);
    });

    test("a leading service segment (www.googleapis.com/{service}/v1/...) names it on any host", async () => {
        const r = await call(url(), `/gkemulticloud${opPath(MISSING)}`);
        expect(r.status).toBe(404);
        expect(r.json.error.details[0].domain).toBe("gkemulticloud.googleapis.com");
        const www = await getWithHost(url(), `/gkemulticloud${opPath(MISSING)}`, "www.googleapis.com");
        expect(www.json.error.details[0].domain).toBe("gkemulticloud.googleapis.com");
        expect(emu().requests.at(-1)).toMatchObject({ rpc: "get", operation: MISSING, service: "gkemulticloud" });
    });

    test("a loopback host names no service: the default (clouddeploy), not the service of another operation", async () => {
        emu().add({ name: OP, service: "gkemulticloud" });
        const r = await call(url(), opPath(MISSING));
        expect(r.json.error.details[0].domain).toBe("clouddeploy.googleapis.com");
        expect(emu().requests.at(-1)?.service).toBeUndefined();
    });

    test("the defaultService option decides on a loopback host", async () => {
        const emu2 = new OperationsEmulator({ defaultService: "gkemulticloud" });
        const base = await emu2.start();
        try {
            const r = await call(base, opPath(MISSING));
            expect(r.status).toBe(404);
            expect(r.json.error.details[0].domain).toBe("gkemulticloud.googleapis.com");
            // a host that names a service still wins over the default
            const h = await getWithHost(base, opPath(MISSING), "clouddeploy.googleapis.com");
            expect(h.json.error.details[0].domain).toBe("clouddeploy.googleapis.com");
        } finally {
            await emu2.stop();
        }
    });

    test("an operation of one service is not found through another service's host or prefix, nor listed there", async () => {
        emu().add({ name: OP, service: "clouddeploy" });
        expect((await call(url(), `/clouddeploy${opPath(OP)}`)).status).toBe(200);
        expect((await call(url(), opPath(OP))).status).toBe(200);
        const r = await call(url(), `/gkemulticloud${opPath(OP)}`);
        expect(r.status).toBe(404);
        expect(r.json.error.details[0].domain).toBe("gkemulticloud.googleapis.com");
        expect((await getWithHost(url(), opPath(OP), "us-central1-gkemulticloud.googleapis.com")).status).toBe(404);
        const list = await call(url(), "/gkemulticloud/v1/projects/my-project/locations/us-central1/operations");
        expect(list.json).toEqual({});
        expect((await call(url(), "/clouddeploy/v1/projects/my-project/locations/us-central1/operations")).json.operations).toHaveLength(1);
    });

    test("a prefix that is not a service, or a path without a version, still routes nowhere (HTML 404)", async () => {
        for (const path of [`/Bad${opPath(OP)}`, `/gkemulticloud/${OP}`, `/a/b${opPath(OP)}`]) {
            const r = await call(url(), path);
            expect(r.status).toBe(404);
            expect(r.headers.get("content-type")).toMatch(/^text\/html/);
        }
    });
});
