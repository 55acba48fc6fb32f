/**
 * An emulator started before each test of a file and stopped after it: the one set-up the emulator,
 * client, sweep and CLI suites share.
 */
import { OperationsEmulator, type EmulatorOptions } from "../../provider/testing";

/** The running emulator and its URL, for the test in progress. */
export interface EmulatorPerTest {
    emu: () => OperationsEmulator;
    url: () => string;
}

/**
 * Registers `beforeEach`/`afterEach` hooks that start a fresh emulator per test.
 *
 * @param options - Emulator options, or a function giving them anew for each test (e.g. a fresh seed).
 */
export function useEmulatorPerTest(options: EmulatorOptions | (() => EmulatorOptions) = {}): EmulatorPerTest {
    let emu: OperationsEmulator | undefined;
    let url = "";
    beforeEach(async () => {
        emu = new OperationsEmulator(typeof options === "function" ? options() : options);
        url = await emu.start();
    });
    afterEach(async () => {
        await emu?.stop();
        emu = undefined;
    });
    return {
        emu: () => {
            if (!emu) throw new Error("emulator not started");
            return emu;
        },
        url: () => url,
    };
}
