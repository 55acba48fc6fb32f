import { OperationsEmulator } from "../../provider/testing";
import { OP, call, opPath, useEmulator } from "./helpers";

describe("fault injection", () => {
    const { emu, url } = useEmulator();

    beforeEach(() => emu().add({ name: OP }));

    test("status fault with Retry-After and RetryInfo, once (times: 1)", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryAfterSeconds: 3, retryDelay: "2s" }, times: 1 });
        const r = await call(url(), opPath(OP));
        expect(r.status).toBe(429);
        expect(r.headers.get("retry-after")).toBe("3");
        expect(r.headers.get("content-type")).toBe("application/json; charset=UTF-8");
        expect(r.json.error.status).toBe("RESOURCE_EXHAUSTED");
        expect(r.json.error.details).toContainEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" });
        expect((await call(url(), opPath(OP))).status).toBe(200);
        expect(emu().requests.map((e) => e.fault)).toEqual(["status", undefined]);
    });

    test("sequence: consumed in order, one per matching request, none passes through", async () => {
        emu().injectFault({
            match: { rpc: "cancel", operation: OP },
            sequence: [{ kind: "status", code: "UNAVAILABLE" }, { kind: "none" }, { kind: "status", code: "INTERNAL", message: "oops" }],
        });
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
            statuses.push((await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: "{}" })).status);
            // GETs do not match and do not consume the sequence
            expect((await call(url(), opPath(OP))).status).toBe(200);
        }
        // 503, pass (cancels), 500, then the normal answer to a cancel of a cancelled operation
        expect(statuses).toEqual([503, 200, 500, 400]);
        expect(emu().count({ rpc: "cancel" })).toBe(4);
        expect(emu().requests.filter((e) => e.fault === "status")).toHaveLength(2);
    });

    test("rate: seeded, so two emulators with the same seed fail the same requests", async () => {
        const pattern = async (seed: number) => {
            const e = new OperationsEmulator({ randomSeed: seed });
            const u = await e.start();
            try {
                e.add({ name: OP });
                e.injectFault({ fault: { kind: "status", code: "UNAVAILABLE" }, rate: 0.5 });
                const out: number[] = [];
                for (let i = 0; i < 40; i++) out.push((await call(u, opPath(OP))).status);
                return out;
            } finally {
                await e.stop();
            }
        };
        const a = await pattern(42);
        const b = await pattern(42);
        expect(a).toEqual(b);
        const failures = a.filter((s) => s === 503).length;
        expect(failures).toBeGreaterThan(8);
        expect(failures).toBeLessThan(32);
        expect(await pattern(7)).not.toEqual(a);
    });

    test("match by host and operation; clearFaults removes rules", async () => {
        emu().injectFault({ match: { host: "clouddeploy.googleapis.com" }, fault: { kind: "status", code: "INTERNAL" } });
        emu().injectFault({ match: { operation: "projects/x/locations/y/operations/z" }, fault: { kind: "status", code: "INTERNAL" } });
        expect((await call(url(), opPath(OP))).status).toBe(200);
        expect((await call(url(), opPath(OP), { headers: { "x-test": "1" } })).status).toBe(200);
        expect((await call(url(), "/v1/projects/x/locations/y/operations/z")).status).toBe(500);
        emu().clearFaults();
        expect((await call(url(), "/v1/projects/x/locations/y/operations/z")).status).toBe(404);
    });

    test("reset destroys the connection", async () => {
        emu().injectFault({ fault: { kind: "reset" }, times: 1 });
        await expect(call(url(), opPath(OP))).rejects.toThrow(/socket hang up|ECONNRESET|other side closed|fetch failed/);
        expect((await call(url(), opPath(OP))).status).toBe(200);
        expect(emu().requests[0]).toMatchObject({ fault: "reset", rpc: "get" });
        expect(emu().requests[0].status).toBeUndefined();
    });

    test("delay answers normally, late", async () => {
        emu().injectFault({ fault: { kind: "delay", ms: 250 }, times: 1 });
        const t0 = Date.now();
        const r = await call(url(), opPath(OP));
        expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
        expect(r.status).toBe(200);
        expect(r.json.name).toBe(OP);
        expect(emu().requests[0].fault).toBe("delay");
    });

    test("hang never answers; the client's timeout fires", async () => {
        emu().injectFault({ fault: { kind: "hang" }, times: 1 });
        await expect(fetch(url() + opPath(OP), { headers: { authorization: "Bearer emulator-token" }, signal: AbortSignal.timeout(200) })).rejects.toThrow(/aborted|timeout/i);
        expect(emu().requests[0].fault).toBe("hang");
        expect(emu().requests[0].status).toBeUndefined();
    });

    test.each([
        ["html", 502, "text/html; charset=UTF-8"],
        ["empty", 503, null],
        ["truncated", 504, "application/json; charset=UTF-8"],
    ] as const)("nonJson %s body", async (body, status, contentType) => {
        emu().injectFault({ fault: { kind: "nonJson", status, body }, times: 1 });
        const r = await call(url(), opPath(OP));
        expect(r.status).toBe(status);
        expect(r.headers.get("content-type")).toBe(contentType);
        expect(r.json).toBeUndefined();
        if (body === "empty") expect(r.text).toBe("");
        if (body === "html") expect(r.text).toContain("<!DOCTYPE html>");
        if (body === "truncated") expect(r.text.startsWith('{\n  "error"')).toBe(true);
    });

    test("nonJson defaults to 502", async () => {
        emu().injectFault({ fault: { kind: "nonJson", body: "html" }, times: 1 });
        expect((await call(url(), opPath(OP))).status).toBe(502);
    });

    test("redirect sends Location and does not run the method", async () => {
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "redirect", status: 302, location: "https://accounts.google.com/ServiceLogin" }, times: 1 });
        const r = await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: "{}" });
        expect(r.status).toBe(302);
        expect(r.headers.get("location")).toBe("https://accounts.google.com/ServiceLogin");
        expect(emu().get(OP)?.done).toBeUndefined();
    });

    test("faults come before auth (a proxy answers first) and are counted", async () => {
        emu().injectFault({ fault: { kind: "status", code: "UNAVAILABLE" }, times: 2 });
        expect((await call(url(), opPath(OP), { token: null })).status).toBe(503);
        expect((await call(url(), "/v1/unknown")).status).toBe(503);
        expect(emu().count()).toBe(2);
        expect(emu().requests.every((e) => e.fault === "status" && e.status === 503)).toBe(true);
    });

    test("invalid rules are rejected with the field named", () => {
        expect(() => emu().injectFault({ fault: { kind: "status", code: "NOPE" as never } })).toThrow(/rule\.fault\.code/);
        expect(() => emu().injectFault({ fault: { kind: "reset" }, rate: 2 })).toThrow(/rule\.rate/);
        expect(() => emu().injectFault({})).toThrow(/exactly one of "sequence" or "fault"/);
    });
});

describe("stop()", () => {
    test("closes promptly with a hanging request and an idle keep-alive connection open", async () => {
        const emu = new OperationsEmulator();
        const url = await emu.start();
        emu.add({ name: OP });
        await call(url, opPath(OP)); // leaves a keep-alive connection
        emu.injectFault({ fault: { kind: "hang" } });
        const hanging = fetch(url + opPath(OP), { headers: { authorization: "Bearer emulator-token" } });
        const outcome = hanging.then(() => "answered", () => "failed");
        while (emu.count() < 2) await new Promise((r) => setTimeout(r, 5));
        const t0 = Date.now();
        await emu.stop();
        expect(Date.now() - t0).toBeLessThan(1000);
        expect(await outcome).toBe("failed");
        await emu.stop(); // twice is fine
        expect(() => emu.url).toThrow(/not started/);
    });

    test("a pending delay fault does not answer after stop", async () => {
        const emu = new OperationsEmulator();
        const url = await emu.start();
        emu.add({ name: OP });
        emu.injectFault({ fault: { kind: "delay", ms: 10000 } });
        const outcome = fetch(url + opPath(OP), { headers: { authorization: "Bearer emulator-token" } }).then(() => "answered", () => "failed");
        while (emu.count() < 1) await new Promise((r) => setTimeout(r, 5));
        const t0 = Date.now();
        await emu.stop();
        expect(await outcome).toBe("failed");
        expect(Date.now() - t0).toBeLessThan(1000);
    });
});
