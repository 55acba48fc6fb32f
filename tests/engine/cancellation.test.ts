/**
 * OperationCancellation through the real Pulumi engine: `pulumi up/preview/refresh/destroy` against the
 * emulator, with the state read back through `pulumi stack export`.
 */
import { describeRealEngine } from "../support/pulumiCli";
import { writeSpec, type ResourceSpec } from "./specProgram";
import { useRealEngineStack, type StackConfig } from "./stackPerTest";

const TYPE = ":OperationCancellation";
let seq = 0;
const opName = (): string => `projects/my-proj/locations/us-central1/operations/operation-real-${process.pid}-${++seq}`;

describeRealEngine("OperationCancellation", (cli) => {
    const ctx = useRealEngineStack(cli);
    const newStack = (spec: ResourceSpec[], config?: StackConfig) => ctx.newStack(spec, config);

    const cancellation = (name: string, operation: string, extra: Record<string, unknown> = {}): ResourceSpec => ({
        kind: "cancellation",
        name,
        args: { operation, service: "clouddeploy", endpoint: ctx.url, timeout: "20s", ...extra },
    });

    test("up cancels; a second up sends nothing and the engine reports it unchanged; preview sends nothing", async () => {
        const op = opName();
        ctx.emu.add({ name: op, cancelTakesMs: 300 });
        const s = await newStack([cancellation("stuck", op)]);
        const up = await s.up();
        expect(up.code).toBe(0);
        const state = await s.resource(TYPE, "stuck");
        expect(state.outputs).toMatchObject({ outcome: "CANCELLED", done: true, cancelRequested: true, operation: op, error: { code: 1 } });
        expect(state.outputs!.cancelRequestedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);

        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
        expect(await s.lastChanges()).toEqual({ same: 2 });
        const preview = await s.preview();
        expect(preview.code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
    });

    test("preview of a new stack sends no request at all", async () => {
        const op = opName();
        ctx.emu.add({ name: op });
        const s = await newStack([cancellation("stuck", op)]);
        const preview = await s.preview();
        expect(preview.code).toBe(0);
        expect(preview.stdout).toMatch(/\+\s+.*OperationCancellation\s+stuck\s+create/);
        expect(ctx.emu.count()).toBe(0);
    });

    test("an operation already done is recorded as it is; no cancel is sent", async () => {
        const op = opName();
        ctx.emu.add({ name: op, doneAfterMs: 0 });
        const s = await newStack([cancellation("done", op)]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "done")).outputs).toMatchObject({ outcome: "SUCCEEDED", done: true, cancelRequested: false, cancelRequestedAt: null });
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(0);
    });

    test("an operation that completes anyway is SUCCEEDED with the cancel recorded", async () => {
        const op = opName();
        const s = await newStack([cancellation("anyway", op)]);
        // Added only now (its clock starts here), long enough for a loaded machine's up to see it running.
        ctx.emu.add({ name: op, cancel: "ignore", doneAfterMs: 15000 });
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "anyway")).outputs).toMatchObject({ outcome: "SUCCEEDED", done: true, cancelRequested: true });
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);
    });

    test("not found fails the up by default, naming the fix; ifNotFound: ignore records NOT_FOUND", async () => {
        const op = opName();
        const s = await newStack([cancellation("missing", op)]);
        const failed = await s.up();
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toContain(`${op}`);
        expect(failed.stdout).toMatch(/ifNotFound: "ignore"/);
        expect(failed.stdout).toMatch(/404/);
        expect(await s.resources(TYPE)).toEqual([]);

        writeSpec(s, [cancellation("missing", op, { ifNotFound: "ignore" })]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "missing")).outputs).toMatchObject({ outcome: "NOT_FOUND", found: false, cancelRequested: false });
    });

    test("unsupported fails by default; ifUnsupported: ignore records UNSUPPORTED and the operation as it is", async () => {
        const op = opName();
        ctx.emu.add({ name: op, unimplemented: true });
        const s = await newStack([cancellation("unsupported", op)]);
        const failed = await s.up();
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toMatch(/does not support cancelling/);
        expect(failed.stdout).toMatch(/ifUnsupported: "ignore"/);

        writeSpec(s, [cancellation("unsupported", op, { ifUnsupported: "ignore" })]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "unsupported")).outputs).toMatchObject({ outcome: "UNSUPPORTED", done: false });
        // A refresh reads the operation (still running) but keeps what is known: the service cannot cancel it.
        expect((await s.refresh()).code).toBe(0);
        expect((await s.resource(TYPE, "unsupported")).outputs).toMatchObject({ outcome: "UNSUPPORTED", done: false });
    });

    test("permission denied fails the up with the missing permission, and nothing is recorded", async () => {
        const op = opName();
        ctx.emu.add({ name: op, denied: ["cancel"] });
        const s = await newStack([cancellation("denied", op)]);
        const failed = await s.up();
        expect(failed.code).not.toBe(0);
        expect(failed.stdout).toMatch(/403/);
        expect(failed.stdout).toMatch(/PERMISSION_DENIED/);
        expect(failed.stdout).toContain("clouddeploy.operations.cancel");
        expect(await s.resources(TYPE)).toEqual([]);
    });

    test("timeout: the resource is left partially created; the next up resumes with exactly one cancel in all", async () => {
        const op = opName();
        ctx.emu.add({ name: op, cancelTakesMs: 6000 });
        const s = await newStack([cancellation("slow", op, { timeout: "2s" })]);
        const first = await s.up();
        expect(first.code).not.toBe(0);
        expect(first.stdout).toMatch(/still running after 2(\.0)?s/);
        const partial = await s.resource(TYPE, "slow");
        expect(partial.initErrors?.join("\n")).toMatch(/still running/);
        expect(partial.outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: true });

        await new Promise((r) => setTimeout(r, 4500));
        const second = await s.up();
        expect(second.code).toBe(0);
        const resumed = await s.resource(TYPE, "slow");
        expect(resumed.initErrors ?? []).toEqual([]);
        expect(resumed.outputs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true, cancelRequestedAt: partial.outputs!.cancelRequestedAt });
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);
    });

    test("timeout, then refresh (which clears the init error), then up with the same program: the wait resumes, no second cancel", async () => {
        const op = opName();
        ctx.emu.add({ name: op, cancelTakesMs: 60_000 });
        const s = await newStack([cancellation("slow", op, { timeout: "2s" })]);
        expect((await s.up()).code).not.toBe(0);
        expect((await s.resource(TYPE, "slow")).initErrors?.length).toBe(1);

        expect((await s.refresh()).code).toBe(0);
        const refreshed = await s.resource(TYPE, "slow");
        expect(refreshed.initErrors ?? []).toEqual([]);
        expect(refreshed.outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: true, cancelRequestedAt: expect.stringMatching(/^\d{4}-/) });

        // Nothing changed in the program: only the provider's diff (an unfinished wait) makes the engine
        // run the update that resumes the wait. It times out again, still without a second cancel.
        const getsBefore = ctx.emu.count({ rpc: "get", operation: op });
        const resumed = await s.up();
        expect(resumed.code).not.toBe(0);
        expect(resumed.stdout).toMatch(/still running after 2(\.0)?s/);
        expect(resumed.stdout).toMatch(/~\s+\S+:OperationCancellation slow \*\*updating failed\*\*/);
        expect(ctx.emu.count({ rpc: "get", operation: op })).toBeGreaterThan(getsBefore);
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);
        expect((await s.resource(TYPE, "slow")).outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: true });
    });

    test("a cancel accepted but never confirmed (the server stops answering): the next up sends no second cancel", async () => {
        const op = opName();
        ctx.emu.add({ name: op, cancelTakesMs: 500 });
        // The first GET answers (the operation is running); every GET after the cancel fails.
        ctx.emu.injectFault({ match: { rpc: "get", operation: op }, sequence: [{ kind: "none" }] });
        ctx.emu.injectFault({ match: { rpc: "get", operation: op }, fault: { kind: "status", code: "UNAVAILABLE" } });
        const s = await newStack([cancellation("unconfirmed", op, { timeout: "4s" })]);
        const first = await s.up();
        expect(first.code).not.toBe(0);
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);
        const partial = await s.resource(TYPE, "unconfirmed");
        expect(partial.outputs).toMatchObject({ cancelRequested: true });
        expect(partial.outputs!.cancelRequestedAt).toMatch(/^\d{4}-/);

        ctx.emu.clearFaults();
        const second = await s.up();
        expect(second.code).toBe(0);
        expect((await s.resource(TYPE, "unconfirmed")).outputs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);
    });

    test("refresh reads the operation's new status, keeps cancelRequested, and keeps the outcome once it expired", async () => {
        const op = opName();
        ctx.emu.add({ name: op, cancelTakesMs: 2000 });
        const s = await newStack([cancellation("later", op, { wait: false })]);
        expect((await s.up()).code).toBe(0);
        expect((await s.resource(TYPE, "later")).outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: true });

        await new Promise((r) => setTimeout(r, 2500));
        expect((await s.refresh()).code).toBe(0);
        const refreshed = await s.resource(TYPE, "later");
        expect(refreshed.outputs).toMatchObject({ outcome: "CANCELLED", done: true, found: true, cancelRequested: true });
        expect(ctx.emu.count({ rpc: "cancel", operation: op })).toBe(1);

        ctx.emu.remove(op);
        expect((await s.refresh()).code).toBe(0);
        expect((await s.resource(TYPE, "later")).outputs).toMatchObject({ outcome: "CANCELLED", found: false, cancelRequested: true });
        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(1);
    });

    test("destroy sends nothing by default, and cancels with cancelOn: delete", async () => {
        const keep = opName();
        const atDelete = opName();
        ctx.emu.add({ name: keep });
        ctx.emu.add({ name: atDelete });
        const s = await newStack([
            cancellation("watch", keep, { wait: false }),
            cancellation("teardown", atDelete, { cancelOn: "delete" }),
        ]);
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel", operation: atDelete })).toBe(0);
        expect((await s.resource(TYPE, "teardown")).outputs).toMatchObject({ outcome: "RUNNING", cancelRequested: false });

        const cancelsOfKeep = ctx.emu.count({ rpc: "cancel", operation: keep });
        const destroyed = await s.destroy();
        expect(destroyed.code).toBe(0);
        expect(ctx.emu.count({ rpc: "cancel", operation: atDelete })).toBe(1);
        expect(ctx.emu.get(atDelete)).toMatchObject({ done: true, error: { code: 1 } });
        expect(ctx.emu.count({ rpc: "cancel", operation: keep })).toBe(cancelsOfKeep);
        expect(await s.resources(TYPE)).toEqual([]);
    });

    test("a new operation name replaces the resource (one cancel for the new one); an in-place change sends nothing", async () => {
        const a = opName();
        const b = opName();
        ctx.emu.add({ name: a });
        ctx.emu.add({ name: b });
        const s = await newStack([cancellation("swap", a)]);
        expect((await s.up()).code).toBe(0);

        writeSpec(s, [cancellation("swap", a, { timeout: "30s", ifNotFound: "ignore" })]);
        const before = ctx.emu.count();
        expect((await s.up()).code).toBe(0);
        expect(ctx.emu.count()).toBe(before);
        expect(await s.lastChanges()).toEqual({ same: 1, update: 1 });
        expect((await s.resource(TYPE, "swap")).outputs).toMatchObject({ timeout: "30s", outcome: "CANCELLED" });

        writeSpec(s, [cancellation("swap", b)]);
        expect((await s.up()).code).toBe(0);
        expect(await s.lastChanges()).toEqual({ same: 1, replace: 1 });
        expect((await s.resource(TYPE, "swap")).outputs).toMatchObject({ operation: b, outcome: "CANCELLED" });
        expect(ctx.emu.count({ rpc: "cancel", operation: a })).toBe(1);
        expect(ctx.emu.count({ rpc: "cancel", operation: b })).toBe(1);
    });

    test("secrets: the accessToken input and a secret gcp:accessToken appear nowhere in state, output or __provider", async () => {
        const viaInput = opName();
        const viaConfig = opName();
        const inputToken = "ya29.input-token-must-not-leak";
        const configToken = "config-token-must-not-leak";
        await ctx.restartEmulator({ tokens: [inputToken, configToken] });
        ctx.emu.add({ name: viaInput });
        ctx.emu.add({ name: viaConfig });
        const s = await newStack(
            [cancellation("by-input", viaInput, { accessToken: { $secret: inputToken } }), cancellation("by-config", viaConfig)],
            { "gcp:accessToken": { value: configToken, secret: true } },
        );
        const up = await s.up(["--show-secrets=false"]);
        expect(up.code).toBe(0);
        expect(ctx.emu.requests.filter((r) => r.operation === viaInput).every((r) => r.token === inputToken)).toBe(true);
        expect(ctx.emu.requests.filter((r) => r.operation === viaConfig).every((r) => r.token === configToken)).toBe(true);
        const texts = [up.output, await s.exportText(), (await s.refresh()).output, (await s.up()).output];
        for (const text of texts) {
            expect(text).not.toContain(inputToken);
            expect(text).not.toContain(configToken);
        }
        for (const r of await s.resources(TYPE)) {
            expect(String(r.outputs!.__provider)).not.toMatch(/must-not-leak/);
            expect(r.outputs).not.toHaveProperty("accessToken");
        }
        expect((await s.destroy()).output).not.toMatch(/must-not-leak/);
    });
});
