import { OperationsEmulator, type EmulatorOptions } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { startHost, type HostClient } from "../support/host";
import { createProgramDir, type ProgramDir } from "../support/programDir";

export const TOKEN = "emulator-token";
export const PROJECT = "cancel-tests";
export const STACK = "dev";

/** One emulator, one program directory and one real dynamic-provider host for a test file. */
export function useStack(config: Record<string, string> = { "gcp:accessToken": TOKEN }, emulatorOptions: EmulatorOptions = {}) {
    const ctx = {} as { emu: OperationsEmulator; host: HostClient; program: ProgramDir; url: string };
    beforeAll(async () => {
        ctx.emu = new OperationsEmulator(emulatorOptions);
        ctx.url = await ctx.emu.start();
        ctx.program = createProgramDir({ project: PROJECT });
        ctx.host = await startHost({ cwd: ctx.program.dir });
        await ctx.host.configure(config);
    });
    afterAll(async () => {
        await ctx.host?.stop();
        await ctx.emu?.stop();
        ctx.program?.cleanup();
    });
    return {
        ctx,
        engine: () => new EngineSimulator(ctx.host, { project: PROJECT, stack: STACK, config, secretKeys: Object.keys(config).filter((k) => /token|credentials/i.test(k)) }),
    };
}

let counter = 0;
/** A fresh operation name per test, so tests in a file never share an operation. */
export function opName(location = "us-central1"): string {
    counter++;
    return `projects/my-proj/locations/${location}/operations/operation-${Date.now()}-${counter}`;
}
