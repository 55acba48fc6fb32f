/**
 * The set-up the real-engine suites share: an emulator started before each test (with the suite's
 * operations) and stopped after it, and at most one CliStack per test, removed after it.
 */
import { OperationsEmulator, type EmulatorOptions } from "../../provider/testing";
import { CliStack } from "../support/cliStack";
import type { PulumiCli } from "../support/pulumiCli";
import { SPEC_PROGRAM, writeSpec, type ResourceSpec } from "./specProgram";

/** Stack config: key → value, or `{ value, secret }`. */
export type StackConfig = Record<string, string | { value: string; secret: true }>;

/** The emulator's token, as a secret `gcp:accessToken`: the config most tests use. */
export const TOKEN_CONFIG: StackConfig = { "gcp:accessToken": { value: "emulator-token", secret: true } };

/** The test in progress: its emulator and its URL (replaced by {@link RealEngineContext.restartEmulator}). */
export interface RealEngineContext {
    emu: OperationsEmulator;
    url: string;
    /** A stack running `program` (default: the spec program with `spec`). */
    newStack(spec: ResourceSpec[] | { program: string }, config?: StackConfig): Promise<CliStack>;
    /** Replaces the emulator with one made with `options` (e.g. other tokens). */
    restartEmulator(options: EmulatorOptions): Promise<void>;
}

/** Registers the hooks; the returned context is filled anew before each test. */
export function useRealEngineStack(cli: PulumiCli, seed: (emu: OperationsEmulator) => void = () => undefined): RealEngineContext {
    let stack: CliStack | undefined;
    const ctx: RealEngineContext = {
        emu: undefined as unknown as OperationsEmulator,
        url: "",
        async newStack(spec, config = TOKEN_CONFIG) {
            const program = Array.isArray(spec) ? SPEC_PROGRAM : spec.program;
            stack = await CliStack.create(cli, { program, config });
            if (Array.isArray(spec)) writeSpec(stack, spec);
            return stack;
        },
        async restartEmulator(options) {
            await ctx.emu.stop();
            ctx.emu = new OperationsEmulator(options);
            ctx.url = await ctx.emu.start();
        },
    };
    beforeEach(async () => {
        ctx.emu = new OperationsEmulator();
        ctx.url = await ctx.emu.start();
        seed(ctx.emu);
    });
    afterEach(async () => {
        await stack?.cleanup();
        stack = undefined;
        await ctx.emu.stop();
    });
    return ctx;
}
