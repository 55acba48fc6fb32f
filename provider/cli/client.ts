/**
 * Builds an OperationsClient from the common flags, resolving credentials the way the resources do
 * (flags, then GOOGLE_* environment, then Application Default Credentials) with an empty stack config.
 */
import { OperationsClient } from "../google/client";
import { resolveSettings, type ResolvedSettings } from "../dynamic/settings";
import type { CommonOptions } from "./common";

type Env = Readonly<Record<string, string | undefined>>;

const NO_CONFIG = { get: (): string | undefined => undefined };

/** Credentials, quota project and default project/location for a command. */
export function cliSettings(options: CommonOptions, env: Env = process.env): ResolvedSettings {
    return resolveSettings(
        {
            ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
            ...(options.impersonateServiceAccount !== undefined ? { impersonateServiceAccount: options.impersonateServiceAccount } : {}),
            ...(options.quotaProject !== undefined ? { quotaProject: options.quotaProject } : {}),
            ...(options.project !== undefined ? { project: options.project } : {}),
            ...(options.location !== undefined ? { location: options.location } : {}),
        },
        NO_CONFIG,
        env,
    );
}

/** A client for the flags given. Validates the options (endpoint aside, which is checked per name) without any request. */
export function createClient(options: CommonOptions, settings: ResolvedSettings = cliSettings(options)): OperationsClient {
    return new OperationsClient({
        credentials: settings.credentials,
        ...(settings.quotaProject !== undefined ? { quotaProject: settings.quotaProject } : {}),
        ...(options.service !== undefined ? { service: options.service } : {}),
        ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
        ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
        ...(options.universeDomain !== undefined ? { universeDomain: options.universeDomain } : {}),
        userAgent: "cli",
    });
}
