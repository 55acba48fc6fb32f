import { OperationCancellation } from "../../provider";
import { HostCallError } from "../support/host";
import { ProgramRunError } from "../support/mockProgram";
import { opName, useStack } from "./fixture";

const FAST = { timeout: "10s" };

describe("OperationCancellation through Pulumi's dynamic-provider host", () => {
    const { ctx, engine } = useStack();

    test("cancels a running operation and records CANCELLED; a second up sends no request at all", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 100 });
        const eng = engine();
        const program = () => {
            const c = new OperationCancellation("stuck", { operation: name, service: "clouddeploy", endpoint: ctx.url, ...FAST });
            return { outcome: c.outcome, done: c.done, cancelRequested: c.cancelRequested, operation: c.operation, service: c.service, endpoint: c.endpoint };
        };
        const first = await eng.up(program);
        expect(first.outputs).toEqual({ outcome: "CANCELLED", done: true, cancelRequested: true, operation: name, service: "clouddeploy", endpoint: ctx.url });
        const state = eng.outputsOf("stuck");
        expect(state.error).toMatchObject({ code: 1 });
        expect(state.cancelRequestedAt).toEqual(expect.stringMatching(/^\d{4}-/));
        expect(state.metadata).toMatchObject({ "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", requestedCancellation: true });
        expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(1);

        const before = ctx.emu.count();
        const second = await eng.up(program);
        expect(Object.values(second.steps)).toEqual(["same"]);
        expect(second.outputs.outcome).toBe("CANCELLED");
        expect(ctx.emu.count()).toBe(before);
    });

    test("an operation already done is recorded as it is, no cancel sent", async () => {
        const name = opName();
        ctx.emu.add({ name, doneAfterMs: 0 });
        const eng = engine();
        const run = await eng.up(() => ({ outcome: new OperationCancellation("done", { operation: name, service: "clouddeploy", endpoint: ctx.url }).outcome }));
        expect(run.outputs.outcome).toBe("SUCCEEDED");
        expect(eng.outputsOf("done").cancelRequested).toBe(false);
        expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(0);
    });

    test("an operation that completes anyway is SUCCEEDED with the cancel recorded as requested", async () => {
        const name = opName();
        // Long enough that the first GET (even on a loaded machine) sees it running, so the cancel is sent.
        ctx.emu.add({ name, cancel: "ignore", doneAfterMs: 1500 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("anyway", { operation: name, service: "clouddeploy", endpoint: ctx.url, ...FAST });
        });
        expect(eng.outputsOf("anyway")).toMatchObject({ outcome: "SUCCEEDED", cancelRequested: true, done: true });
    });

    test("not found fails clearly by default, and is recorded with ifNotFound: ignore", async () => {
        const name = opName();
        const eng = engine();
        const error = (await eng.up(() => {
            new OperationCancellation("missing", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        }).catch((e: unknown) => e)) as ProgramRunError;
        expect(error).toBeInstanceOf(ProgramRunError);
        expect(error.message).toContain(name);
        expect(error.message).toMatch(/expired.*30 days/);
        expect(error.message).toMatch(/HTTP 404 NOT_FOUND/);
        expect(error.message).toMatch(/ifNotFound: "ignore"/);
        expect(eng.state.size).toBe(0);

        await eng.up(() => {
            new OperationCancellation("missing", { operation: name, service: "clouddeploy", endpoint: ctx.url, ifNotFound: "ignore" });
        });
        expect(eng.outputsOf("missing")).toMatchObject({ outcome: "NOT_FOUND", found: false, cancelRequested: false });
    });

    test("an unsupported service fails clearly by default, and is recorded with ifUnsupported: ignore", async () => {
        const name = opName();
        ctx.emu.add({ name, unimplemented: true });
        const eng = engine();
        const error = (await eng.up(() => {
            new OperationCancellation("unsupported", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        }).catch((e: unknown) => e)) as Error;
        expect(error.message).toMatch(/does not support cancelling/);
        expect(error.message).toMatch(/HTTP 501 UNIMPLEMENTED/);
        await eng.up(() => {
            new OperationCancellation("unsupported", { operation: name, service: "clouddeploy", endpoint: ctx.url, ifUnsupported: "ignore" });
        });
        expect(eng.outputsOf("unsupported")).toMatchObject({ outcome: "UNSUPPORTED", done: false });
    });

    test("permission denied names the missing IAM permission and the operation", async () => {
        const name = opName();
        ctx.emu.add({ name, denied: ["cancel"] });
        const error = (await engine().up(() => {
            new OperationCancellation("denied", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        }).catch((e: unknown) => e)) as Error;
        expect(error.message).toContain(name);
        expect(error.message).toMatch(/HTTP 403 PERMISSION_DENIED/);
        expect(error.message).toMatch(/clouddeploy\.operations\.cancel/);
    });

    test("timeout: recorded as RUNNING (partially created); the next up resumes waiting without cancelling twice", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 2500 });
        const eng = engine();
        const program = () => {
            new OperationCancellation("slow", { operation: name, service: "clouddeploy", endpoint: ctx.url, timeout: "1s" });
        };
        const error = (await eng.up(program).catch((e: unknown) => e)) as ProgramRunError;
        expect(error).toBeInstanceOf(ProgramRunError);
        const init = error.errors[0] as HostCallError;
        expect(init.initFailure?.id).toBe(name);
        expect(init.message).toMatch(/still running after 1\.0s.*run `pulumi up` again to resume waiting/);
        const partial = eng.state.get([...eng.state.keys()][0])!;
        expect(partial.initErrors?.length).toBe(1);
        expect(partial.outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: true });
        expect(typeof partial.outputs.__provider).toBe("string");

        await new Promise((r) => setTimeout(r, 1000));
        const resumed = await eng.up(() => {
            new OperationCancellation("slow", { operation: name, service: "clouddeploy", endpoint: ctx.url, timeout: "10s" });
        });
        expect(Object.values(resumed.steps)).toEqual(["update"]);
        expect(eng.outputsOf("slow")).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(1);
    });

    test("refresh reports the current status, and keeps the record once the operation expires", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 300 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("refreshed", { operation: name, service: "clouddeploy", endpoint: ctx.url, wait: false });
        });
        expect(eng.outputsOf("refreshed")).toMatchObject({ outcome: "RUNNING", cancelRequested: true });
        await new Promise((r) => setTimeout(r, 500));
        await eng.refresh();
        expect(eng.outputsOf("refreshed")).toMatchObject({ outcome: "CANCELLED", done: true, found: true });

        ctx.emu.remove(name);
        const steps = await eng.refresh();
        expect(Object.values(steps)).toEqual(["read"]);
        expect(eng.outputsOf("refreshed")).toMatchObject({ outcome: "CANCELLED", found: false });
        expect(String(eng.outputsOf("refreshed").message)).toMatch(/no longer found/);
    });

    test("destroy sends nothing without cancelOn delete", async () => {
        const name = opName();
        ctx.emu.add({ name, doneAfterMs: 0 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("plain", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        });
        const before = ctx.emu.count();
        await eng.destroy();
        expect(ctx.emu.count()).toBe(before);
        expect(eng.state.size).toBe(0);
    });

    test("cancelOn delete: create only looks, destroy cancels and confirms", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 100 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("teardown", { operation: name, service: "clouddeploy", endpoint: ctx.url, cancelOn: "delete", ...FAST });
        });
        expect(eng.outputsOf("teardown")).toMatchObject({ outcome: "RUNNING", cancelRequested: false, cancelOn: "delete" });
        expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(0);
        const before = ctx.emu.count();
        await eng.up(() => {
            new OperationCancellation("teardown", { operation: name, service: "clouddeploy", endpoint: ctx.url, cancelOn: "delete", ...FAST });
        });
        expect(ctx.emu.count()).toBe(before);
        await eng.destroy();
        expect(ctx.emu.count({ operation: name, rpc: "cancel" })).toBe(1);
        expect(ctx.emu.get(name)).toMatchObject({ done: true, error: { code: 1 } });
    });

    test("a new operation name replaces the resource: the new one is cancelled, the old one left alone", async () => {
        const first = opName();
        const second = opName();
        ctx.emu.add({ name: first, cancelTakesMs: 0 });
        ctx.emu.add({ name: second, cancelTakesMs: 0 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("moving", { operation: first, service: "clouddeploy", endpoint: ctx.url });
        });
        const run = await eng.up(() => {
            new OperationCancellation("moving", { operation: second, service: "clouddeploy", endpoint: ctx.url });
        });
        expect(Object.values(run.steps)).toEqual(["replace"]);
        expect(eng.outputsOf("moving")).toMatchObject({ operation: second, outcome: "CANCELLED" });
        expect(ctx.emu.count({ operation: first, rpc: "cancel" })).toBe(1);
        expect(ctx.emu.count({ operation: second, rpc: "cancel" })).toBe(1);
    });

    test("changing only wait or timeout updates in place without a request", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 0 });
        const eng = engine();
        await eng.up(() => {
            new OperationCancellation("tuned", { operation: name, service: "clouddeploy", endpoint: ctx.url, timeout: "5m" });
        });
        const before = ctx.emu.count();
        const run = await eng.up(() => {
            new OperationCancellation("tuned", { operation: name, service: "clouddeploy", endpoint: ctx.url, timeout: "10m" });
        });
        expect(Object.values(run.steps)).toEqual(["update"]);
        expect(eng.outputsOf("tuned")).toMatchObject({ timeout: "10m", outcome: "CANCELLED" });
        expect(ctx.emu.count()).toBe(before);
    });

    test("progress lines reach the host's output while waiting", async () => {
        const name = opName();
        ctx.emu.add({ name, cancelTakesMs: 600, metadata: { statusMessage: "rendering manifests" } });
        await engine().up(() => {
            new OperationCancellation("chatty", { operation: name, service: "clouddeploy", endpoint: ctx.url, ...FAST });
        });
        const line = await ctx.host.waitForStdout(new RegExp(`OperationCancellation: ${name}: still running after`));
        expect(line).toMatch(/rendering manifests/);
    });
});
