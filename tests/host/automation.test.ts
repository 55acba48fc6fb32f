/**
 * Real engine run via the Automation API; skipped (with the reason in the test name) without the CLI.
 */
import * as pulumi from "@pulumi/pulumi";
import { trampolineProvider } from "../../provider/dynamic/trampoline";
import { automationStack, pulumiCliAvailable } from "../support/automation";
import { createProgramDir } from "../support/programDir";

const cli = pulumiCliAvailable();
const maybe = cli.available ? test : test.skip;

maybe(`pulumi up/destroy through the real engine${cli.available ? "" : ` (skipped: ${cli.reason})`}`, async () => {
    const dir = createProgramDir({ project: "gcpops-auto" });
    const { stack, cleanup } = await automationStack(
        async () => {
            class R extends pulumi.dynamic.Resource {}
            const r = new R(trampolineProvider("cancellation"), "r", { message: "m" });
            return { id: r.id };
        },
        { workDir: dir.dir, project: "gcpops-auto", stack: "dev", config: { "gcp:project": { value: "p" } } },
    );
    try {
        // Without a registered fixture in the engine-spawned host the real cancellation provider runs;
        // this only asserts the engine accepted the trampoline and reached the runtime.
        await expect(stack.up()).rejects.toThrow(/pulumi-gcp-operations|cancellation/);
    } finally {
        await stack.destroy().catch(() => undefined);
        await cleanup();
        dir.cleanup();
    }
});
