import { OperationsClient, type OperationsClientOptions } from "../../provider/google";
import { OperationsEmulator, type EmulatorOptions } from "../../provider/testing";

export const TOKEN = "emulator-token";
export const DEPLOY_OP = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

/** A fast poll schedule and retry policy so tests take milliseconds, not seconds. */
export const FAST: Pick<OperationsClientOptions, "poll" | "retry"> = {
    poll: { initialDelayMs: 20, multiplier: 1.5, maxDelayMs: 100, jitter: 0.2 },
    retry: { maxAttempts: 4, initialDelayMs: 10, maxDelayMs: 50 },
};

/** Starts an emulator per test and gives a client pointed at it. */
export function useEmulator(options: EmulatorOptions = {}) {
    let emu: OperationsEmulator | undefined;
    beforeEach(async () => {
        emu = new OperationsEmulator(options);
        await emu.start();
    });
    afterEach(async () => {
        await emu?.stop();
        emu = undefined;
    });
    const get = (): OperationsEmulator => {
        if (!emu) throw new Error("emulator not started");
        return emu;
    };
    return {
        emu: get,
        client: (extra: OperationsClientOptions = {}) =>
            new OperationsClient({ service: "clouddeploy", endpoint: get().url, credentials: { accessToken: TOKEN }, ...FAST, ...extra }),
    };
}
