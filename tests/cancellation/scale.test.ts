import { OperationCancellation } from "../../provider";
import { opName, TOKEN, useStack } from "./fixture";

const SECRET = "ya29.input-secret-7c1d2e3f";
const CONFIG_SECRET = "ya29.config-secret-9a8b7c6d";

describe("many resources and secrets", () => {
    const { ctx, engine } = useStack({ "gcp:accessToken": CONFIG_SECRET }, { tokens: [TOKEN, SECRET] });

    test("100 resources in one host process are all cancelled, each exactly once", async () => {
        ctx.emu.resetLog();
        const names = Array.from({ length: 100 }, () => opName("europe-west1"));
        for (const name of names) ctx.emu.add({ name, service: "gkemulticloud", cancelTakesMs: 50 });
        const eng = engine();
        await eng.up(() => {
            names.forEach((name, i) => new OperationCancellation(`op-${i}`, { operation: name, service: "gkemulticloud", endpoint: ctx.url, accessToken: TOKEN, timeout: "60s" }));
        });
        expect(eng.state.size).toBe(100);
        expect([...eng.state.values()].every((e) => e.outputs.outcome === "CANCELLED")).toBe(true);
        for (const name of names) expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(1);
        const before = ctx.emu.count();
        await eng.up(() => {
            names.forEach((name, i) => new OperationCancellation(`op-${i}`, { operation: name, service: "gkemulticloud", endpoint: ctx.url, accessToken: TOKEN, timeout: "60s" }));
        });
        expect(ctx.emu.count()).toBe(before);
    });

    test("an accessToken input is used, and never appears in outputs, __provider, logs or errors", async () => {
        ctx.emu.resetLog();
        const name = opName();
        ctx.emu.add({ name, denied: ["cancel"] });
        const eng = engine();
        const error = await eng.up(() => {
            new OperationCancellation("secret", { operation: name, service: "clouddeploy", endpoint: ctx.url, accessToken: SECRET });
        }).then(() => undefined, (e: unknown) => e as Error);
        expect(ctx.emu.requests.map((r) => r.token)).toContain(SECRET);
        expect(error?.message).toMatch(/PERMISSION_DENIED/);
        expect(error?.message).not.toContain(SECRET);

        const ok = opName();
        ctx.emu.add({ name: ok, doneAfterMs: 0 });
        const run = await eng.up(() => {
            new OperationCancellation("secret", { operation: ok, service: "clouddeploy", endpoint: ctx.url, accessToken: SECRET });
        });
        const registered = run.run.dynamicResources[0].inputs;
        expect(String(registered.__provider).length).toBeLessThanOrEqual(2048);
        expect(String(registered.__provider)).not.toContain(SECRET);
        const outputs = eng.outputsOf("secret");
        expect(outputs.accessToken).toBeUndefined();
        expect(JSON.stringify(outputs)).not.toContain(SECRET);
        expect(ctx.host.output()).not.toContain(SECRET);
    });

    test("a token from stack config (gcp:accessToken) is used when no input is given, and never leaks", async () => {
        ctx.emu.resetLog();
        const name = opName();
        ctx.emu.add({ name });
        const eng = engine();
        const error = (await eng.up(() => {
            new OperationCancellation("from-config", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        }).catch((e: unknown) => e)) as Error;
        expect(ctx.emu.requests[0].token).toBe(CONFIG_SECRET);
        expect(error.message).toMatch(/HTTP 401 UNAUTHENTICATED/);
        expect(error.message).toMatch(/gcloud auth application-default login|gcp:accessToken/);
        expect(error.message).not.toContain(CONFIG_SECRET);
        expect(ctx.host.output()).not.toContain(CONFIG_SECRET);
        expect(eng.state.size).toBe(0);
    });
});
