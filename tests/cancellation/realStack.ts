/**
 * The core scenario through a real `pulumi` CLI (Automation API, local file backend), used only where
 * the CLI is on PATH: cancel on up, nothing sent on the second up, refresh, destroy.
 */
import { OperationCancellation } from "../../provider";
import { OperationsEmulator } from "../../provider/testing";
import { automationStack } from "../support/automation";
import { createProgramDir } from "../support/programDir";

export async function runRealStackScenario(): Promise<{ firstOutcome: unknown; requestsOnSecondUp: number }> {
    const emu = new OperationsEmulator();
    const url = await emu.start();
    const name = "projects/my-proj/locations/us-central1/operations/operation-real-cli-1";
    emu.add({ name, cancelTakesMs: 100 });
    const program = createProgramDir({ project: "gcpops-real" });
    const { stack, cleanup } = await automationStack(
        async () => {
            const c = new OperationCancellation("stuck", { operation: name, service: "clouddeploy", endpoint: url });
            return { outcome: c.outcome };
        },
        { workDir: program.dir, project: "gcpops-real", stack: "dev", config: { "gcp:accessToken": { value: "emulator-token", secret: true } } },
    );
    try {
        const up = await stack.up();
        const before = emu.count();
        await stack.up();
        const requestsOnSecondUp = emu.count() - before;
        await stack.refresh();
        await stack.destroy();
        return { firstOutcome: up.outputs.outcome?.value, requestsOnSecondUp };
    } finally {
        await cleanup();
        program.cleanup();
        await emu.stop();
    }
}
