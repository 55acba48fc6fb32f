import type { CredentialOptions } from "../google/auth";
import { OperationsClient, type OperationsClientOptions } from "../google/client";
import { InvalidOptionError } from "../google/errors";
import { str } from "./inputs";
import type { RuntimeConfig } from "./runtime";

/** Credentials and defaults as a resource's inputs give them; each falls back to stack config, then the environment. */
export interface SettingsInputs {
    accessToken?: string;
    impersonateServiceAccount?: string;
    quotaProject?: string;
    project?: string;
    location?: string;
}

/** What a provider call authenticates and completes names with. */
export interface ResolvedSettings {
    credentials: CredentialOptions;
    /** Where the credentials came from, for messages: never the secret itself. */
    credentialsFrom: string;
    quotaProject?: string;
    project?: string;
    location?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function firstSet(...values: Array<[string | undefined, string]>): [string, string] | undefined {
    for (const [value, from] of values) {
        if (value !== undefined && value.trim() !== "") return [value, from];
    }
    return undefined;
}

function truthy(value: string | undefined): boolean {
    return value !== undefined && /^(1|true|yes)$/i.test(value.trim());
}

/**
 * Resolves credentials and defaults the way `@pulumi/gcp` users already configure them: the resource's
 * inputs, then stack config (`gcp:*`), then the environment (`GOOGLE_*`), then Application Default Credentials.
 */
export function resolveSettings(inputs: SettingsInputs, config: Pick<RuntimeConfig, "get">, env: Env = process.env): ResolvedSettings {
    const token = firstSet([inputs.accessToken, "the accessToken input"], [config.get("gcp:accessToken"), "gcp:accessToken"], [env.GOOGLE_OAUTH_ACCESS_TOKEN, "GOOGLE_OAUTH_ACCESS_TOKEN"]);
    const document = token ? undefined : firstSet([config.get("gcp:credentials"), "gcp:credentials"], [env.GOOGLE_CREDENTIALS, "GOOGLE_CREDENTIALS"]);
    const impersonate = firstSet(
        [inputs.impersonateServiceAccount, "the impersonateServiceAccount input"],
        [config.get("gcp:impersonateServiceAccount"), "gcp:impersonateServiceAccount"],
        [env.GOOGLE_IMPERSONATE_SERVICE_ACCOUNT, "GOOGLE_IMPERSONATE_SERVICE_ACCOUNT"],
    );
    const credentials: CredentialOptions = {};
    if (token) credentials.accessToken = token[0];
    if (document) credentials.credentials = document[0];
    if (impersonate) credentials.impersonateServiceAccount = impersonate[0];
    const base = token?.[1] ?? document?.[1] ?? "Application Default Credentials";
    const credentialsFrom = impersonate ? `${base}, impersonating ${impersonate[0]} (from ${impersonate[1]})` : base;

    const userProjectOverride = truthy(config.get("gcp:userProjectOverride") ?? env.USER_PROJECT_OVERRIDE);
    const billing = firstSet([config.get("gcp:billingProject"), "gcp:billingProject"], [env.GOOGLE_BILLING_PROJECT, "GOOGLE_BILLING_PROJECT"]);
    const quotaProject = inputs.quotaProject ?? (userProjectOverride ? billing?.[0] : undefined);
    const project = firstSet([inputs.project, "project"], [config.get("gcp:project"), "gcp:project"], [env.GOOGLE_PROJECT, ""], [env.GOOGLE_CLOUD_PROJECT, ""], [env.CLOUDSDK_CORE_PROJECT, ""]);
    const location = firstSet([inputs.location, "location"], [config.get("gcp:region"), "gcp:region"], [env.GOOGLE_REGION, ""], [env.CLOUDSDK_COMPUTE_REGION, ""]);
    return {
        credentials,
        credentialsFrom,
        ...(quotaProject ? { quotaProject } : {}),
        ...(project ? { project: project[0] } : {}),
        ...(location ? { location: location[0] } : {}),
    };
}

const SETTINGS_KEYS = ["accessToken", "impersonateServiceAccount", "quotaProject", "project", "location"] as const;

/** {@link resolveSettings} for a resource's inputs (or recorded outputs), taking only the keys that are set. */
export function settingsFromProps(props: Record<string, unknown>, config: Pick<RuntimeConfig, "get">): ResolvedSettings {
    const inputs: SettingsInputs = {};
    for (const key of SETTINGS_KEYS) {
        const value = str(props, key);
        if (value !== undefined) inputs[key] = value;
    }
    return resolveSettings(inputs, config);
}

/** The client options a resource's inputs (or recorded outputs) and resolved settings call for. */
export function clientOptionsFromProps(props: Record<string, unknown>, settings: ResolvedSettings): OperationsClientOptions {
    const options: OperationsClientOptions = { credentials: settings.credentials, userAgent: "pulumi-dynamic" };
    for (const key of ["service", "endpoint", "apiVersion", "universeDomain"] as const) {
        const value = str(props, key);
        if (value !== undefined) options[key] = value;
    }
    if (settings.quotaProject) options.quotaProject = settings.quotaProject;
    return options;
}

/**
 * The client of a resource's requests. A credentials document that cannot be read is refused with where it
 * came from (stack config or environment), so that every step says what to fix.
 *
 * @param props - The resource's inputs or recorded outputs.
 * @param settings - Their resolved settings.
 * @param extra - Options of the client the inputs do not set (the sweep's shared backoff).
 */
export function clientFromProps(props: Record<string, unknown>, settings: ResolvedSettings, extra: Partial<OperationsClientOptions> = {}): OperationsClient {
    try {
        return new OperationsClient({ ...clientOptionsFromProps(props, settings), ...extra });
    } catch (err) {
        if (err instanceof InvalidOptionError && err.field === "credentials") {
            throw new InvalidOptionError("credentials", `${err.message} (the credentials come from ${settings.credentialsFrom})`);
        }
        throw err;
    }
}
