/**
 * SIGINT to `pulumi up` while a cancellation waits, as a user's ^C or a pipeline's stop would send it.
 *
 * One SIGINT: the engine asks providers to cancel (the dynamic-provider host ignores it) and waits for the
 * step in flight, which ends when the operation is done or at the resource's `timeout`. Two SIGINTs: the
 * CLI exits at once and the state holds a pending create. A non-interactive `pulumi up` warns and creates
 * the resource but keeps the pending create in state; `pulumi refresh --clear-pending-creates` drops it.
 * Creating the resource again sends no second cancel: the operation itself shows the requested cancellation.
 */
import { OperationsEmulator } from "../../provider/testing";
import { CliStack, type CommandResult } from "../support/cliStack";
import { describeRealEngine } from "../support/pulumiCli";
import { SPEC_PROGRAM, writeSpec } from "./specProgram";

const OP = "projects/my-proj/locations/us-central1/operations/operation-interrupted";
const TYPE = ":OperationCancellation";

describeRealEngine("SIGINT to pulumi up during a wait", (cli) => {
    let emu: OperationsEmulator;
    let stack: CliStack;

    beforeEach(async () => {
        emu = new OperationsEmulator();
        const url = await emu.start();
        emu.add({ name: OP, cancelTakesMs: 5000 });
        stack = await CliStack.create(cli, { program: SPEC_PROGRAM, config: { "gcp:accessToken": { value: "emulator-token", secret: true } } });
        writeSpec(stack, [{ kind: "cancellation", name: "long", args: { operation: OP, service: "clouddeploy", endpoint: url, timeout: "5m" } }]);
    });
    afterEach(async () => {
        await stack.cleanup();
        await emu.stop();
    });

    /** Starts `pulumi up`, sends `signals` SIGINTs 0.5 s apart once the cancel was accepted. */
    async function interruptedUp(signals: number): Promise<CommandResult> {
        const { child, done } = stack.start(["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never"]);
        const deadline = Date.now() + 60_000;
        while (emu.count({ rpc: "cancel" }) === 0 || emu.requests.find((r) => r.rpc === "cancel")?.status === undefined) {
            if (Date.now() > deadline) throw new Error("the cancel was never sent");
            await new Promise((r) => setTimeout(r, 50));
        }
        for (let i = 0; i < signals; i++) {
            await new Promise((r) => setTimeout(r, 500));
            child.kill("SIGINT");
        }
        return done;
    }

    test("one SIGINT: the engine waits for the step, records its outcome, and the next up sends nothing", async () => {
        const r = await interruptedUp(1);
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(/\^C received; cancelling/);
        expect(r.output).toMatch(/update cancell?ed/);
        const state = await stack.exportState();
        expect(state.deployment.pending_operations ?? []).toEqual([]);
        expect((await stack.resource(TYPE, "long")).outputs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });

        const before = emu.count();
        expect((await stack.up()).code).toBe(0);
        expect(emu.count()).toBe(before);
        expect(emu.count({ rpc: "cancel" })).toBe(1);
    });

    test("two SIGINTs: the CLI stops at once leaving a pending create; the next up recovers without a second cancel", async () => {
        const r = await interruptedUp(2);
        expect(r.code).not.toBe(0);
        expect(r.output).toMatch(/\^C received; terminating/);
        const state = await stack.exportState();
        expect(state.deployment.pending_operations?.map((p) => [p.type, p.resource.urn.split("::").pop()])).toEqual([["creating", "long"]]);
        expect(await stack.resources(TYPE)).toEqual([]);

        // The documented recovery: drop the pending create, then up (idempotent: no second cancel).
        const refresh = await stack.refresh(["--clear-pending-creates"]);
        expect(refresh.code).toBe(0);
        expect((await stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
        expect(emu.count({ rpc: "cancel" })).toBe(1);
        const next = await stack.up();
        expect(next.code).toBe(0);
        expect(emu.count({ rpc: "cancel" })).toBe(1);
        const recovered = await stack.resource(TYPE, "long");
        expect(recovered.outputs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        expect(recovered.outputs!.message).toMatch(/already|cancel/);
    });
});
