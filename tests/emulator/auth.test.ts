import { OperationsEmulator } from "../../provider/testing";
import { OP, call, opPath, useEmulator } from "./helpers";

const AUTH_HELP = "Expected OAuth 2 access token, login cookie or other valid authentication credential.";

describe("emulator auth", () => {
    const { emu, url } = useEmulator({ tokens: ["good-1", "good-2"] });

    beforeEach(() => emu().add({ name: OP }));

    test("missing credentials: 401 CREDENTIALS_MISSING with Google's message", async () => {
        const r = await call(url(), opPath(OP), { token: null });
        expect(r.status).toBe(401);
        expect(r.headers.get("www-authenticate")).toContain("Bearer");
        expect(r.json.error.status).toBe("UNAUTHENTICATED");
        expect(r.json.error.message).toMatch(/^Request is missing required authentication credential\./);
        expect(r.json.error.message).toContain(AUTH_HELP);
        expect(r.json.error.details).toEqual([
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                reason: "CREDENTIALS_MISSING",
                domain: "googleapis.com",
                metadata: { service: "clouddeploy.googleapis.com", method: "google.longrunning.Operations.GetOperation" },
            },
        ]);
    });

    test("an unknown token or another scheme: 401 ACCESS_TOKEN_TYPE_UNSUPPORTED", async () => {
        for (const headers of [{ authorization: "Bearer nope" }, { authorization: "Basic dXNlcjpwYXNz" }, { authorization: "Bearer " }]) {
            const r = await call(url(), `${opPath(OP)}:cancel`, { method: "POST", body: "{}", token: null, headers });
            expect(r.status).toBe(401);
            expect(r.json.error.message).toMatch(/^Request had invalid authentication credentials\./);
            expect(r.json.error.details[0]).toMatchObject({ reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", metadata: { method: "google.longrunning.Operations.CancelOperation" } });
        }
        expect(emu().get(OP)?.metadata).not.toHaveProperty("requestedCancellation");
    });

    test("every configured token is accepted, also as access_token query parameter", async () => {
        expect((await call(url(), opPath(OP), { token: "good-1" })).status).toBe(200);
        expect((await call(url(), opPath(OP), { token: "good-2" })).status).toBe(200);
        expect((await call(url(), `${opPath(OP)}?access_token=good-2`, { token: null })).status).toBe(200);
        expect((await call(url(), `${opPath(OP)}?access_token=bad`, { token: null })).status).toBe(401);
        expect(emu().requests.map((e) => e.token)).toEqual(["good-1", "good-2", "good-2", "bad"]);
    });

    test("the log records token, Host, user project, user agent and body", async () => {
        await call(url(), `${opPath(OP)}:cancel`, {
            method: "POST",
            body: "{}",
            token: "good-1",
            headers: { "x-goog-user-project": "billing-proj", "user-agent": "my-client/1.0", "x-goog-api-client": "gl-node/24" },
        });
        const e = emu().requests[0];
        expect(e).toMatchObject({
            method: "POST",
            rpc: "cancel",
            operation: OP,
            token: "good-1",
            userProject: "billing-proj",
            userAgent: "my-client/1.0",
            apiClient: "gl-node/24",
            body: "{}",
            host: new URL(url()).host,
            hostname: "127.0.0.1",
            status: 200,
        });
        expect(typeof e.at).toBe("number");
    });

    test("unknown path is a 404 even without credentials (front end answers first)", async () => {
        expect((await call(url(), "/v1/nothing", { token: null })).status).toBe(404);
    });
});

describe("emulator auth defaults", () => {
    test("default token is emulator-token; tokens: [] accepts any non-empty bearer", async () => {
        const strict = new OperationsEmulator();
        const open = new OperationsEmulator({ tokens: [] });
        try {
            const [a, b] = [await strict.start(), await open.start()];
            strict.add({ name: OP });
            open.add({ name: OP });
            expect((await call(a, opPath(OP))).status).toBe(200);
            expect((await call(a, opPath(OP), { token: "anything" })).status).toBe(401);
            expect((await call(b, opPath(OP), { token: "anything" })).status).toBe(200);
            expect((await call(b, opPath(OP), { token: null })).status).toBe(401);
        } finally {
            await strict.stop();
            await open.stop();
        }
    });
});
