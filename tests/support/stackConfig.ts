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
