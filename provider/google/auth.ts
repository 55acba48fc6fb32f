import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type * as GoogleAuthLibrary from "google-auth-library";
import { CredentialsError, InvalidOptionError } from "./errors";
import { redactSecrets, rememberSecret } from "./secrets";

/** The OAuth scope every `google.longrunning.Operations` method accepts. */
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

/**
 * One kind of credential behind one interface, in the manner of google-auth-library's clients.
 * Implementations never expose the token except through {@link CredentialSource.requestHeaders}.
 */
export interface CredentialSource {
    /** What kind of credential this is, for messages (never the secret). */
    readonly kind: "access-token" | "application-default" | "credentials-json" | "impersonated";
    /** The headers that authorize a request to `url`: `authorization`, and `x-goog-user-project` when the credential names one. */
    requestHeaders(url: string): Promise<Record<string, string>>;
    /**
     * The same headers when they are known without waiting (a fixed token), else undefined: a transport
     * then skips a promise and an abort listener per request. The object returned is frozen and the same
     * while the credential is.
     */
    readyHeaders?(url: string): Readonly<Record<string, string>> | undefined;
}

/** How to authenticate. At most one of `accessToken` and `credentials`; impersonation wraps either ADC or `credentials`. */
export interface CredentialOptions {
    /** An OAuth 2 access token used as it is. */
    accessToken?: string;
    /** A credentials JSON document (service account key, authorized user, external account...) or a path to one. */
    credentials?: string;
    /** A service account to impersonate with the other credentials (or ADC). */
    impersonateServiceAccount?: string;
    /** Delegation chain for impersonation. */
    delegates?: string[];
    /** The universe domain; default googleapis.com. */
    universeDomain?: string;
    /** The IAM Credentials endpoint used for impersonation (default Google's); for tests and private endpoints. */
    iamCredentialsEndpoint?: string;
}

/** A fixed access token. */
export class AccessTokenSource implements CredentialSource {
    readonly kind = "access-token" as const;
    private readonly headers: Readonly<Record<string, string>>;

    constructor(token: string) {
        const trimmed = token.trim();
        // eslint-disable-next-line no-control-regex
        if (!trimmed || /[\s\u0000-\u001f]/.test(trimmed)) {
            throw new InvalidOptionError("accessToken", "accessToken must be a non-empty OAuth 2 access token without whitespace");
        }
        this.headers = Object.freeze({ authorization: `Bearer ${trimmed}` });
        rememberSecret(trimmed);
    }

    async requestHeaders(): Promise<Record<string, string>> {
        return { ...this.headers };
    }

    readyHeaders(): Readonly<Record<string, string>> {
        return this.headers;
    }
}

/** Any google-auth-library client (ADC, a credentials document, impersonation), created lazily on first use. */
class AuthLibrarySource implements CredentialSource {
    private client?: Promise<GoogleAuthLibrary.AuthClient>;

    constructor(
        readonly kind: "application-default" | "credentials-json" | "impersonated",
        private readonly makeClient: () => Promise<GoogleAuthLibrary.AuthClient>,
    ) {}

    async requestHeaders(url: string): Promise<Record<string, string>> {
        this.client ??= this.makeClient().catch((err: unknown) => {
            this.client = undefined;
            throw err;
        });
        let client: GoogleAuthLibrary.AuthClient | undefined;
        let headers: Headers;
        try {
            client = await this.client;
            headers = await client.getRequestHeaders(url);
        } catch (err) {
            throw new CredentialsError(credentialFailureMessage(this.kind, err, heldSecrets(client)));
        } finally {
            for (const secret of heldSecrets(client)) rememberSecret(secret);
        }
        // fetch's Headers names are lower-case; the transport remembers the bearer value it sends (secretsOf).
        return Object.fromEntries(headers.entries());
    }
}

/** The token values an auth client (and, for impersonation, its source client) holds now. */
function heldSecrets(client: GoogleAuthLibrary.AuthClient | undefined): string[] {
    const out: string[] = [];
    const visit = (c: unknown, depth: number) => {
        if (!c || typeof c !== "object" || depth > 3) return;
        const credentials = (c as { credentials?: Record<string, unknown> }).credentials;
        for (const key of ["access_token", "refresh_token", "id_token"]) {
            const value = credentials?.[key];
            if (typeof value === "string" && value) out.push(value);
        }
        // A service account client's private key.
        const key = (c as { key?: unknown }).key;
        if (typeof key === "string" && key) out.push(key);
        visit((c as { sourceClient?: unknown }).sourceClient, depth + 1);
    };
    visit(client, 0);
    return out;
}

function credentialFailureMessage(kind: string, err: unknown, secrets: readonly string[]): string {
    // Only the first line, and never a credential: the token values held (e.g. a source token an IAM
    // endpoint echoed back), the settings' own secrets (remembered when read) and anything token-shaped.
    const detail = err instanceof Error ? redactSecrets(err.message.split("\n")[0], secrets) : "unknown error";
    if (kind === "application-default") {
        return `Could not load Application Default Credentials (${detail}). Run \`gcloud auth application-default login\`, set GOOGLE_APPLICATION_CREDENTIALS, or pass accessToken / set gcp:accessToken`;
    }
    if (kind === "impersonated") {
        return `Could not impersonate the service account (${detail}). The caller needs roles/iam.serviceAccountTokenCreator on it`;
    }
    return `Could not use the credentials document (${detail}). Check gcp:credentials / GOOGLE_CREDENTIALS: a service account key or authorized-user JSON, or a path to one`;
}

/**
 * google-auth-library prints "The `credentials` option is deprecated" on every `new GoogleAuth({ credentials })`,
 * onto the user's terminal or `pulumi up` output. Its replacement (one client class per document type) drops
 * what GoogleAuth reads from the document (token URIs, universe, external account sources), so the option is
 * kept and only that one advisory is dropped, for the synchronous constructor call alone.
 */
export function withoutCredentialsDeprecationWarning<T>(construct: () => T): T {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
        if (typeof args[0] === "string" && args[0].startsWith("The `credentials` option is deprecated")) return;
        warn.apply(console, args);
    };
    try {
        return construct();
    } finally {
        console.warn = warn;
    }
}

function loadGoogleAuth(): typeof GoogleAuthLibrary {
    return require("google-auth-library") as typeof GoogleAuthLibrary;
}

/** Reads a credentials option that may be JSON text or a file path. */
function credentialsDocument(value: string): Record<string, unknown> {
    const text = value.trim().startsWith("{") ? value : readCredentialsFile(value);
    try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === "object" && typeof (parsed as { type?: unknown }).type === "string") {
            const document = parsed as Record<string, unknown>;
            for (const key of ["private_key", "client_secret", "refresh_token", "private_key_id"]) rememberSecret(document[key]);
            return document;
        }
    } catch {
        // fall through to the error below, which must not echo the document
    }
    throw new InvalidOptionError("credentials", "credentials must be a Google credentials JSON document (with a \"type\" field) or a path to one");
}

function readCredentialsFile(path: string): string {
    if (!existsSync(path)) {
        throw new InvalidOptionError("credentials", "credentials is neither JSON nor the path of an existing file; set it to a service account key JSON or its path");
    }
    return readFileSync(path, "utf8");
}

function baseClientFactory(options: CredentialOptions): () => Promise<GoogleAuthLibrary.AuthClient> {
    const universeDomain = options.universeDomain;
    if (options.credentials !== undefined) {
        const document = credentialsDocument(options.credentials);
        return async () => {
            const { GoogleAuth } = loadGoogleAuth();
            const auth = withoutCredentialsDeprecationWarning(() => new GoogleAuth({ credentials: document, scopes: [CLOUD_PLATFORM_SCOPE], ...(universeDomain ? { universeDomain } : {}) }));
            return auth.getClient();
        };
    }
    return async () => {
        const { GoogleAuth } = loadGoogleAuth();
        return new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], ...(universeDomain ? { universeDomain } : {}) }).getClient();
    };
}

const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$|^[^@\s]+@[a-z0-9.-]+$/;

/** Builds the credential source for a configuration, validating it up front. */
export function createCredentialSource(options: CredentialOptions): CredentialSource {
    if (options.accessToken !== undefined && options.credentials !== undefined) {
        throw new InvalidOptionError("accessToken", "set accessToken or credentials, not both");
    }
    if (options.impersonateServiceAccount !== undefined) {
        const target = options.impersonateServiceAccount;
        if (!SERVICE_ACCOUNT_EMAIL.test(target)) {
            throw new InvalidOptionError("impersonateServiceAccount", `impersonateServiceAccount ${JSON.stringify(target)} must be a service account email such as deployer@my-proj.iam.gserviceaccount.com`);
        }
        const source: () => Promise<GoogleAuthLibrary.AuthClient> =
            options.accessToken !== undefined ? accessTokenClientFactory(options.accessToken, options.universeDomain) : baseClientFactory(options);
        return new AuthLibrarySource("impersonated", async () => {
            const { Impersonated } = loadGoogleAuth();
            return new Impersonated({
                sourceClient: await source(),
                targetPrincipal: target,
                targetScopes: [CLOUD_PLATFORM_SCOPE],
                delegates: options.delegates ?? [],
                lifetime: 3600,
                ...(options.iamCredentialsEndpoint ? { endpoint: options.iamCredentialsEndpoint } : {}),
                ...(options.universeDomain ? { universeDomain: options.universeDomain } : {}),
            });
        });
    }
    if (options.accessToken !== undefined) return new AccessTokenSource(options.accessToken);
    if (options.credentials !== undefined) return new AuthLibrarySource("credentials-json", baseClientFactory(options));
    return new AuthLibrarySource("application-default", baseClientFactory(options));
}

/**
 * A fixed token as the source of an impersonation. It belongs to the configured universe: google-auth-library
 * refuses to impersonate from a source of another universe (a credential leak across universes), and a client
 * made without one is in googleapis.com.
 */
function accessTokenClientFactory(token: string, universeDomain: string | undefined): () => Promise<GoogleAuthLibrary.AuthClient> {
    rememberSecret(token);
    return async () => {
        const { OAuth2Client } = loadGoogleAuth();
        const client = new OAuth2Client(universeDomain ? { universeDomain } : {});
        client.setCredentials({ access_token: token });
        return client;
    };
}

const cache = new Map<string, CredentialSource>();

/**
 * The credential source for a configuration, one per distinct configuration, reused across clients and
 * resources in a process. The cache key is a hash, so no secret is kept as a key.
 */
export function sharedCredentialSource(options: CredentialOptions): CredentialSource {
    const key = createHash("sha256").update(JSON.stringify(options, Object.keys(options).sort())).digest("hex");
    let source = cache.get(key);
    if (!source) {
        source = createCredentialSource(options);
        cache.set(key, source);
    }
    return source;
}
