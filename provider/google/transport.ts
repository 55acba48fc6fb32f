import type { Dispatcher } from "undici";
import type { CredentialSource } from "./auth";
import {
    AbortedError,
    CredentialsError,
    DeadlineExceededError,
    GoogleApiError,
    InvalidResponseError,
    NetworkError,
    type GoogleApiErrorInit,
    type OperationsMethod,
} from "./errors";
import { parseErrorBody } from "./errorBody";
import { hintFor } from "./hints";
import { parseJson } from "./json";
import { RETRYABLE_HTTP_STATUSES, backoffDelay, serverRetryDelay, sleep, type RetryOptions, type SharedBackoff } from "./retry";
import { redactSecrets as redact, rememberSecret } from "./secrets";
import { formatDuration } from "../util/duration";
import { BodyTooLargeError, ExchangeTimeoutError, exchange } from "./exchange";

/** Everything a transport needs, decided once per client. */
export interface TransportOptions {
    credentials: CredentialSource;
    quotaProject?: string;
    /** Asked once, at the transport's first attempt; every later attempt reuses the answer. */
    dispatcher: () => Dispatcher;
    requestTimeoutMs: number;
    /** The largest response body read, in bytes; a larger one fails the call. */
    maxResponseBytes: number;
    retry: RetryOptions;
    backoff: SharedBackoff;
    userAgent: string;
    random?: () => number;
    /** Called once per attempt sent, for counters. */
    onAttempt?: (method: OperationsMethod) => void;
}

/** One logical call: retried attempts share its deadline. */
export interface CallSpec {
    httpMethod: "GET" | "POST" | "DELETE";
    url: string;
    body?: string;
    method: OperationsMethod;
    /** The operation or parent, for messages. */
    resource: string;
    serviceKey?: string;
    /** Absolute time (epoch ms) after which no attempt starts and any in flight is abandoned. */
    deadline: number;
    signal?: AbortSignal;
    /** Called once per attempt sent, for the caller's own request count. */
    onAttempt?: () => void;
}

/** A successful answer. */
export interface CallResult {
    json: unknown;
    attempts: number;
}

const NETWORK_CODES = new Set([
    "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH", "EHOSTUNREACH",
    "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED",
]);

function errorCode(err: unknown): string | undefined {
    const direct = (err as { code?: unknown })?.code;
    if (typeof direct === "string") return direct;
    const cause = (err as { cause?: { code?: unknown } })?.cause?.code;
    return typeof cause === "string" ? cause : undefined;
}

/**
 * Sends Operations API requests: credentials attached per attempt, a deadline on each attempt and on the
 * whole call (the last attempt's timeout is clipped to the call's deadline), retries with jittered
 * backoff on 429/5xx and network failures (honouring RetryInfo and Retry-After up to a cap, never past
 * the deadline), one backoff shared across calls after a 429, response bodies capped, and redirects
 * never followed.
 */
export class Transport {
    private dispatcherInUse?: Dispatcher;
    /** The headers every request carries besides credentials, built once. */
    private readonly fixedHeaders: Readonly<Record<string, string>>;
    /** The credential headers last seen, and the secrets they hold: worked out again only when they change. */
    private lastAuth?: { headers: Readonly<Record<string, string>>; secrets: string[] };

    constructor(private readonly options: TransportOptions) {
        this.fixedHeaders = Object.freeze({
            "user-agent": options.userAgent,
            "x-goog-api-client": options.userAgent,
            accept: "application/json",
            ...(options.quotaProject ? { "x-goog-user-project": options.quotaProject } : {}),
        });
    }

    /**
     * The dispatcher, decided at the first attempt and kept: deciding it (the shared one reads the proxy
     * environment) is not repeated for every request.
     */
    private dispatcher(): Dispatcher {
        return (this.dispatcherInUse ??= this.options.dispatcher());
    }

    async call(spec: CallSpec): Promise<CallResult> {
        const { retry } = this.options;
        let lastFailure: Error | undefined;
        for (let attempt = 1; ; attempt++) {
            this.throwIfAborted(spec);
            const remaining = spec.deadline - Date.now();
            if (remaining <= 0) throw this.deadlineError(spec, attempt - 1, lastFailure);
            const gate = this.options.backoff.remaining();
            if (gate > 0) {
                if (gate >= remaining) throw lastFailure ?? this.gateError(spec, gate, remaining);
                await this.sleepOrAbort(gate, spec);
            }
            const outcome = await this.attempt(spec, attempt);
            if (outcome.kind === "ok") return { json: outcome.json, attempts: attempt };
            lastFailure = outcome.error;
            if (!outcome.retryable || attempt >= retry.maxAttempts) throw outcome.error;
            const backoff = backoffDelay(retry, attempt, this.options.random);
            const server = outcome.serverDelayMs;
            const cap = retry.maxServerDelayMs;
            const delay = Math.max(Math.min(server ?? 0, cap), backoff);
            // A 429 holds every request of the client back, but never longer than the cap: one huge
            // Retry-After must not close the shared gate for days.
            if (outcome.throttled) this.options.backoff.closeFor(Math.min(delay, cap));
            const left = spec.deadline - Date.now();
            if (server !== undefined && (server > cap || server >= left)) {
                const limit = server > cap ? `more than the ${formatDuration(cap)} this client waits at most` : `more than the ${formatDuration(Math.max(0, left))} left before the call's deadline`;
                throw withNote(outcome, `The server asked to wait ${formatDuration(server)} before retrying (${outcome.serverDelaySource}), ${limit}: not retried`);
            }
            if (delay >= left) throw outcome.error;
            await this.sleepOrAbort(delay, spec);
        }
    }

    private async attempt(spec: CallSpec, attempt: number): Promise<AttemptOutcome> {
        const attemptMs = Math.max(1, Math.min(this.options.requestTimeoutMs, spec.deadline - Date.now()));
        const clipped = attemptMs < this.options.requestTimeoutMs;
        const attemptEnd = Date.now() + attemptMs;
        let secrets: string[] = [];
        try {
            const ready = this.readyHeaders(spec.url);
            const auth = ready ?? (await withDeadline(this.credentialHeaders(spec.url), attemptMs, spec.signal));
            secrets = this.secretsOf(auth);
            const headers: Record<string, string> = { ...auth, ...this.fixedHeaders };
            if (spec.body !== undefined) headers["content-type"] = "application/json";
            this.options.onAttempt?.(spec.method);
            spec.onAttempt?.();
            const { origin, path } = splitUrl(spec.url);
            // One exchange within what is left of the attempt's time (a token fetch above took its share), its body capped.
            const response = await exchange(this.dispatcher(), {
                origin,
                path,
                method: spec.httpMethod,
                headers,
                ...(spec.body !== undefined ? { body: spec.body } : {}),
                timeoutMs: ready ? attemptMs : Math.max(1, attemptEnd - Date.now()),
                maxBytes: this.options.maxResponseBytes,
                ...(spec.signal ? { signal: spec.signal } : {}),
            });
            if (response.statusCode >= 300 && response.statusCode < 400) {
                return this.redirectFailure(spec, attempt, response.statusCode, response.headers, secrets);
            }
            if (response.statusCode >= 200 && response.statusCode < 300) {
                return { kind: "ok", json: parseSuccess(response.text, spec) };
            }
            return this.failureFromAnswer(spec, attempt, response.statusCode, response.text, response.headers, secrets);
        } catch (err) {
            if (err instanceof CredentialsError || err instanceof NetworkError) return { kind: "failed", error: err, retryable: false };
            if (spec.signal?.aborted) throw new AbortedError(`${spec.method} ${spec.resource} was aborted`, { cause: spec.signal.reason });
            if (err instanceof BodyTooLargeError) {
                const limit = this.options.maxResponseBytes;
                const what = err.declared !== undefined ? `of ${formatBytes(err.declared)} (Content-Length)` : `larger than ${formatBytes(limit)}`;
                const error = new InvalidResponseError(
                    `${spec.method} ${spec.resource}: ${hostOf(spec.url)} answered HTTP ${err.statusCode} with a body ${what}, over the limit of ${formatBytes(limit)} per response; ` +
                        "it was not read. Check that endpoint points at a Google API (or the emulator), or lower pageSize",
                );
                return { kind: "failed", error, retryable: false };
            }
            if (err instanceof CredentialsTimeout) {
                const error = new DeadlineExceededError(
                    `${spec.method} ${spec.resource}: the ${this.options.credentials.kind} credentials gave no token within ${formatDuration(attemptMs)} (attempt ${attempt}); nothing was sent. ` +
                        "Check the network path to Google's token service (proxy settings HTTPS_PROXY/NO_PROXY) or the credentials settings",
                    clipped ? { callDeadline: true } : undefined,
                );
                return { kind: "failed", error, retryable: true };
            }
            const timedOut = err instanceof ExchangeTimeoutError || /TIMEOUT/.test(errorCode(err) ?? "");
            if (timedOut) {
                const error = clipped
                    ? new DeadlineExceededError(
                          `${spec.method} ${spec.resource}: ${hostOf(spec.url)} did not answer within ${formatDuration(attemptMs)} (attempt ${attempt}, cut short by the call's deadline). ` +
                              "Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting, or allow more time",
                          { callDeadline: true },
                      )
                    : new DeadlineExceededError(
                          `${spec.method} ${spec.resource}: ${hostOf(spec.url)} did not answer within ${formatDuration(attemptMs)} (attempt ${attempt}). ` +
                              "Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting",
                      );
                return { kind: "failed", error, retryable: true };
            }
            const code = errorCode(err);
            const detail = redact(err instanceof Error ? err.message : String(err), secrets);
            const error = new NetworkError(
                `${spec.method} ${spec.resource}: could not reach ${hostOf(spec.url)} (${code ?? "network error"}: ${detail}). ` +
                    "Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting",
                { cause: err instanceof Error ? undefined : err },
            );
            return { kind: "failed", error, retryable: code === undefined || NETWORK_CODES.has(code) || /socket|reset|closed/i.test(detail) };
        }
    }

    /**
     * The credential source's headers. A source of the caller's (the `credentials` option) that fails with
     * anything but a {@link CredentialsError} gets one too: its failure is not the network's, and is not retried.
     */
    private async credentialHeaders(url: string): Promise<Readonly<Record<string, string>>> {
        try {
            return await this.options.credentials.requestHeaders(url);
        } catch (err) {
            throw this.sourceFailure(err);
        }
    }

    /** The credential source's headers when it has them without waiting; a throw is its failure, as above. */
    private readyHeaders(url: string): Readonly<Record<string, string>> | undefined {
        const { credentials } = this.options;
        if (!credentials.readyHeaders) return undefined;
        try {
            return credentials.readyHeaders(url);
        } catch (err) {
            throw this.sourceFailure(err);
        }
    }

    private sourceFailure(err: unknown): CredentialsError {
        if (err instanceof CredentialsError) return err;
        const detail = err instanceof Error ? err.message.split("\n")[0] : String(err);
        return new CredentialsError(`The ${this.options.credentials.kind} credential source gave no token (${detail}); nothing was sent. Check the object given as credentials`);
    }

    /**
     * The bearer values in credential headers (as sent, and bare), remembered for redaction. Worked out
     * once per distinct headers object: a fixed token's frozen headers are the same object every time.
     */
    private secretsOf(auth: Readonly<Record<string, string>>): string[] {
        if (this.lastAuth?.headers === auth) return this.lastAuth.secrets;
        const secrets = Object.values(auth)
            .filter((v) => /^bearer\s/i.test(v))
            .flatMap((v) => [v, v.replace(/^bearer\s+/i, "")]);
        for (const secret of secrets) rememberSecret(secret);
        if (Object.isFrozen(auth)) this.lastAuth = { headers: auth, secrets };
        return secrets;
    }

    private redirectFailure(spec: CallSpec, attempt: number, httpStatus: number, headers: Record<string, string | string[] | undefined>, secrets: string[]): AttemptOutcome {
        const location = typeof headers.location === "string" ? headers.location : "(no location)";
        const error = new GoogleApiError({
            httpStatus,
            status: "UNKNOWN",
            googleMessage: `redirect to ${JSON.stringify(redact(location, secrets).slice(0, 200))}`,
            details: [],
            method: spec.method,
            resource: spec.resource,
            hint: "Redirects are not followed with credentials: set endpoint to the final address if it is trusted",
            attempts: attempt,
        });
        return { kind: "failed", error, retryable: false };
    }

    private failureFromAnswer(
        spec: CallSpec,
        attempt: number,
        httpStatus: number,
        text: string,
        headers: Record<string, string | string[] | undefined>,
        secrets: string[],
    ): AttemptOutcome {
        const parsed = parseErrorBody(httpStatus, text);
        const details = JSON.parse(redact(JSON.stringify(parsed.details), secrets)) as typeof parsed.details;
        const retryable = RETRYABLE_HTTP_STATUSES.has(httpStatus);
        const init: GoogleApiErrorInit = {
            httpStatus,
            status: parsed.status,
            googleMessage: redact(parsed.message, secrets),
            details,
            method: spec.method,
            resource: spec.resource,
            hint: hintFor({ status: parsed.status, httpStatus, method: spec.method, serviceKey: spec.serviceKey, details, attempts: attempt }),
            attempts: attempt,
        };
        const retryAfter = typeof headers["retry-after"] === "string" ? headers["retry-after"] : undefined;
        const server = serverRetryDelay(details, retryAfter);
        return {
            kind: "failed",
            error: new GoogleApiError(init),
            init,
            retryable,
            throttled: httpStatus === 429,
            ...(server ? { serverDelayMs: server.ms, serverDelaySource: server.source } : {}),
        };
    }

    private throwIfAborted(spec: CallSpec): void {
        if (spec.signal?.aborted) throw new AbortedError(`${spec.method} ${spec.resource} was aborted`, { cause: spec.signal.reason });
    }

    private async sleepOrAbort(ms: number, spec: CallSpec): Promise<void> {
        try {
            await sleep(ms, spec.signal);
        } catch (err) {
            throw new AbortedError(`${spec.method} ${spec.resource} was aborted`, { cause: err });
        }
    }

    private deadlineError(spec: CallSpec, attempts: number, last: Error | undefined): Error {
        if (last) return last;
        return new DeadlineExceededError(`${spec.method} ${spec.resource}: the deadline passed after ${attempts} attempt(s) without an answer`, { callDeadline: true });
    }

    private gateError(spec: CallSpec, gate: number, remaining: number): Error {
        return new DeadlineExceededError(
            `${spec.method} ${spec.resource} was not sent: the server answered 429 (asked this client to slow down), so every request of the client waits ${formatDuration(gate)} more, ` +
                `longer than the ${formatDuration(remaining)} left before this call's deadline. Try again later, lower concurrency, or request more quota`,
            { callDeadline: true },
        );
    }
}

type AttemptOutcome =
    | { kind: "ok"; json: unknown }
    | {
          kind: "failed";
          error: Error;
          retryable: boolean;
          throttled?: boolean;
          serverDelayMs?: number;
          serverDelaySource?: string;
          /** What a GoogleApiError was built from, to add a note to it. */
          init?: GoogleApiErrorInit;
      };

function withNote(outcome: Extract<AttemptOutcome, { kind: "failed" }>, note: string): Error {
    return outcome.init ? new GoogleApiError({ ...outcome.init, note }) : outcome.error;
}

function formatBytes(n: number): string {
    if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MiB`;
    if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KiB`;
    return `${n} bytes`;
}

/** A success body: JSON nested at most 100 levels deep (protobuf's limit), or undefined when empty. Shapes are checked by the caller. */
function parseSuccess(text: string, spec: CallSpec): unknown {
    if (!text.trim()) return undefined;
    const parsed = parseJson(text);
    if (parsed.ok) return parsed.value;
    if (parsed.problem.kind === "too-deep") {
        throw new InvalidResponseError(
            `${spec.method} ${spec.resource}: ${hostOf(spec.url)} answered success with JSON nested deeper than ${parsed.problem.limit} levels, which no Operations API answer is; it was refused`,
        );
    }
    throw new InvalidResponseError(
        `${spec.method} ${spec.resource}: ${hostOf(spec.url)} answered success with a body that is not JSON (or is truncated); check that endpoint points at a Google API (or the emulator)`,
    );
}

function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return "the endpoint";
    }
}

/**
 * The origin and path of a request URL. One already in the form a URL parser leaves unchanged
 * (`http(s)://host[:port]`, then a path and query of URL-safe characters with no dot segment) is split
 * as it is, which saves a parse per request; the client's URLs, built from validated names, are all such.
 * Any other is parsed.
 */
const PLAIN_URL = /^(https?:\/\/[a-z0-9.-]+(?::[0-9]{1,5})?)(?![^?]*%2[eE])((?:\/(?!\.\.?(?:[/?]|$))[A-Za-z0-9._~:@!$&'()*+,;=%-]*)+(?:\?[A-Za-z0-9._~:@!$&()*+,;=%/?-]+)?)$/;

export function splitUrl(url: string): { origin: string; path: string } {
    const m = PLAIN_URL.exec(url);
    if (m) return { origin: m[1], path: m[2] };
    const parsed = new URL(url);
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

/** The credentials did not answer within the attempt's time. */
class CredentialsTimeout extends Error {}

/** The credentials' answer, or {@link CredentialsTimeout} after `ms`, or the signal's abort. */
function withDeadline<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            reject(new CredentialsTimeout(`no credentials within ${ms} ms`));
        }, ms);
        timer.unref?.();
        signal?.addEventListener("abort", onAbort, { once: true });
        promise.then(
            (v) => {
                clearTimeout(timer);
                signal?.removeEventListener("abort", onAbort);
                resolve(v);
            },
            (e: unknown) => {
                clearTimeout(timer);
                signal?.removeEventListener("abort", onAbort);
                reject(e);
            },
        );
    });
}
