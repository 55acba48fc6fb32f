/**
 * Real `pulumi up/refresh/destroy` through the Automation API, only when the `pulumi` CLI is on PATH
 * (it is not installed in this project's CI); suites use {@link pulumiCliAvailable} to `test.skip`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/** Whether the Pulumi CLI can be used, and why not. */
export type CliAvailability = { available: true; path: string } | { available: false; reason: string };

/** Looks for `pulumi` on PATH. */
export function pulumiCliAvailable(): CliAvailability {
    try {
        const found = execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim();
        return found ? { available: true, path: found } : { available: false, reason: "pulumi CLI not on PATH" };
    } catch {
        return { available: false, reason: "pulumi CLI not on PATH (not installed in this environment)" };
    }
}

/** Options for {@link automationStack}. */
export interface AutomationOptions {
    /** Program directory from `createProgramDir` (the dynamic-provider host's cwd). */
    workDir: string;
    project: string;
    stack: string;
    /** Stack config; `secret: true` entries are stored encrypted. */
    config?: Record<string, { value: string; secret?: boolean }>;
}

/**
 * An inline-program stack on a local file backend (PULUMI_BACKEND_URL=file://<tmp>) with a passphrase
 * secrets provider. Requires the CLI.
 */
export async function automationStack(
    program: pulumi.automation.PulumiFn,
    opts: AutomationOptions,
): Promise<{ stack: pulumi.automation.Stack; cleanup(): Promise<void> }> {
    const backend = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-backend-"));
    const stack = await pulumi.automation.LocalWorkspace.createOrSelectStack(
        { projectName: opts.project, stackName: opts.stack, program },
        {
            workDir: opts.workDir,
            envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "test-passphrase" },
        },
    );
    if (opts.config) {
        await stack.setAllConfig(opts.config);
    }
    return {
        stack,
        cleanup: async () => {
            await stack.workspace.removeStack(opts.stack, { force: true }).catch(() => undefined);
            fs.rmSync(backend, { recursive: true, force: true });
        },
    };
}
