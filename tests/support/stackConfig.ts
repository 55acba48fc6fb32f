/**
 * Stack config as the in-process provider tests give it (`ProviderContext.config`): none at all, or only
 * `gcp:accessToken` holding the emulator's token, as in a stack (recorded outputs, all a delete or a refresh
 * sees, never hold it).
 */
import type { RuntimeConfig } from "../../provider/dynamic/runtime";

const missing = (key: string): string => {
    throw new Error(`${key} is not set`);
};

/** No stack config. */
export const NO_CONFIG: RuntimeConfig = { get: () => undefined, require: missing };

/** `gcp:accessToken` set to the emulator's default token. */
export const EMULATOR_TOKEN_CONFIG: RuntimeConfig = {
    get: (key: string) => (key === "gcp:accessToken" ? "emulator-token" : undefined),
    require: missing,
};

/** Stack config holding exactly `values` (keys such as `gcp:accessToken`). */
export function configOf(values: Record<string, string>): RuntimeConfig {
    return { get: (key: string) => values[key], require: missing };
}

/** The environment variables a provider reads the project and location from when its inputs and config do not say. */
export const GOOGLE_SCOPE_VARIABLES = ["GOOGLE_PROJECT", "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT", "GOOGLE_REGION", "CLOUDSDK_COMPUTE_REGION"] as const;

/** Clears {@link GOOGLE_SCOPE_VARIABLES} for the tests of the calling file and puts them back after, so a developer's shell cannot change a result. */
export function useClearedGoogleScope(): void {
    const saved = GOOGLE_SCOPE_VARIABLES.map((key) => [key, process.env[key]] as const);
    beforeAll(() => {
        for (const key of GOOGLE_SCOPE_VARIABLES) delete process.env[key];
    });
    afterAll(() => {
        for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
    });
}
