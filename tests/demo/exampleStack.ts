/**
 * One example program, unchanged, with an emulator and Pulumi's dynamic-provider host for a test file.
 */
import { OperationsEmulator, DEFAULT_TOKEN } from "../../provider/testing";
import { prepareExample, type QuickstartProgram } from "../../scripts/demo/quickstart";
import { startHost, type HostClient } from "../support/host";

/** What the example's tests use; filled in by `beforeAll`. */
export interface ExampleStack {
    emu: OperationsEmulator;
    host: HostClient;
    example: QuickstartProgram;
    url: string;
}

/** Prepares `examples/{name}` as Pulumi project `project`, with an emulator and a configured host. */
export function useExampleStack(name: string, project: string): ExampleStack {
    const ctx = {} as ExampleStack;
    beforeAll(async () => {
        ctx.emu = new OperationsEmulator();
        ctx.url = await ctx.emu.start();
        ctx.example = prepareExample(name, project);
        ctx.host = await startHost({ cwd: ctx.example.dir.dir });
        await ctx.host.configure({ "gcp:accessToken": DEFAULT_TOKEN });
    });
    afterAll(async () => {
        await ctx.host?.stop();
        await ctx.emu?.stop();
        ctx.example?.dir.cleanup();
    });
    return ctx;
}
