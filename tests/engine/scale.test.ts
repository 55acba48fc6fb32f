/**
 * 100 OperationCancellation resources in one stack through the real engine, with the engine running one
 * step at a time and 32 at once: each operation is cancelled exactly once and the next up sends nothing.
 */
import { OperationsEmulator } from "../../provider/testing";
import { CliStack } from "../support/cliStack";
import { describeRealEngine } from "../support/pulumiCli";
import { SPEC_PROGRAM, writeSpec } from "./specProgram";

const COUNT = 100;

describeRealEngine("100 cancellations in one stack", (cli) => {
    for (const parallel of [1, 32]) {
        test(`--parallel ${parallel}: each operation cancelled once; the second up sends nothing`, async () => {
            const emu = new OperationsEmulator();
            const url = await emu.start();
            const names = Array.from({ length: COUNT }, (_, i) => `projects/my-proj/locations/us-central1/operations/op-${parallel}-${i}`);
            for (const name of names) emu.add({ name, cancelTakesMs: 50 });
            const stack = await CliStack.create(cli, { program: SPEC_PROGRAM, config: { "gcp:accessToken": { value: "emulator-token", secret: true } } });
            try {
                writeSpec(
                    stack,
                    names.map((name, i) => ({ kind: "cancellation" as const, name: `c${i}`, args: { operation: name, service: "clouddeploy", endpoint: url, timeout: "60s" } })),
                );
                const started = Date.now();
                const up = await stack.up(["--parallel", String(parallel)]);
                const wallMs = Date.now() - started;
                expect(up.code).toBe(0);
                for (const name of names) expect(emu.count({ rpc: "cancel", operation: name })).toBe(1);
                const outcomes = (await stack.resources(":OperationCancellation")).map((r) => r.outputs!.outcome);
                expect(outcomes).toEqual(Array(COUNT).fill("CANCELLED"));

                const before = emu.count();
                expect((await stack.up(["--parallel", String(parallel)])).code).toBe(0);
                expect(emu.count()).toBe(before);
                expect(await stack.lastChanges()).toEqual({ same: COUNT + 1 });
                process.stdout.write(`real engine, ${COUNT} cancellations, --parallel ${parallel}: first up ${wallMs} ms, ${before} requests\n`);
            } finally {
                await stack.cleanup();
                await emu.stop();
            }
        }, 300_000);
    }
});
