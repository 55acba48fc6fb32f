import { request, type Dispatcher } from "undici";
import type { CredentialSource } from "./auth";
import { AbortedError, CredentialsError, DeadlineExceededError, GoogleApiError, NetworkError, type OperationsMethod } from "./errors";
import { parseErrorBody, redact } from "./errorBody";
import { hintFor } from "./hints";
import { RETRYABLE_HTTP_STATUSES, backoffDelay, serverRetryDelay, sleep, type RetryOptions, type SharedBackoff } from "./retry";
import { formatDuration } from "../util/duration";

/** Everything a transport needs, decided once per client. */
export interface TransportOptions {
    credentials: CredentialSource;
    quotaProject?: string;
    dispatcher: () => Dispatcher;
    requestTimeoutMs: number;
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
 * whole call, retries with jittered backoff on 429/5xx and network failures (honouring RetryInfo and
 * Retry-After), one backoff shared across calls after a 429, and redirects never followed.
 */
export class Transport {
    constructor(private readonly options: TransportOptions) {}

    async call(spec: CallSpec): Promise<CallResult> {
        const { retry } = this.options;
        let lastFailure: Error | undefined;
        for (let attempt = 1; ; attempt++) {
            this.throwIfAborted(spec);
            const remaining = spec.deadline - Date.now();
            if (remaining <= 0) throw this.deadlineError(spec, attempt - 1, lastFailure);
            const gate = this.options.backoff.remaining();
            if (gate > 0) {
                if (gate >= remaining) throw lastFailure ?? this.deadlineError(spec, attempt - 1, undefined);
                await this.sleepOrAbort(gate, spec);
            }
            const outcome = await this.attempt(spec, attempt);
            if (outcome.kind === "ok") return { json: outcome.json, attempts: attempt };
            lastFailure = outcome.error;
            if (!outcome.retryable || attempt >= retry.maxAttempts) throw outcome.error;
            const delay = Math.max(outcome.serverDelayMs ?? 0, backoffDelay(retry, attempt, this.options.random));
            if (outcome.throttled) this.options.backoff.closeFor(delay);
            if (Date.now() + delay >= spec.deadline) throw outcome.error;
            await this.sleepOrAbort(delay, spec);
        }
    }

    private async attempt(
        spec: CallSpec,
        attempt: number,
    ): Promise<
        | { kind: "ok"; json: unknown }
        | { kind: "failed"; error: Error; retryable: boolean; throttled?: boolean; serverDelayMs?: number }
    > {
        const attemptMs = Math.max(1, Math.min(this.options.requestTimeoutMs, spec.deadline - Date.now()));
        const timeout = AbortSignal.timeout(attemptMs);
        const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
        let secrets: string[] = [];
        try {
            const auth = await withSignal(this.options.credentials.requestHeaders(spec.url), signal);
            secrets = Object.values(auth).filter((v) => /^bearer\s/i.test(v)).flatMap((v) => [v, v.replace(/^bearer\s+/i, "")]);
            const headers: Record<string, string> = {
                ...auth,
                "user-agent": this.options.userAgent,
                "x-goog-api-client": this.options.userAgent,
                accept: "application/json",
            };
            if (this.options.quotaProject) headers["x-goog-user-project"] = this.options.quotaProject;
            if (spec.body !== undefined) headers["content-type"] = "application/json";
            this.options.onAttempt?.(spec.method);
            spec.onAttempt?.();
            const response = await request(spec.url, {
                method: spec.httpMethod,
                headers,
                body: spec.body,
                dispatcher: this.options.dispatcher(),
                signal,
                headersTimeout: attemptMs,
                bodyTimeout: attemptMs,
            });
            const text = await response.body.text();
            if (response.statusCode >= 200 && response.statusCode < 300) {
                return { kind: "ok", json: parseSuccess(text, spec) };
            }
            return this.failureFromAnswer(spec, attempt, response.statusCode, text, response.headers, secrets);
        } catch (err) {
            if (err instanceof CredentialsError || err instanceof NetworkError) return { kind: "failed", error: err, retryable: false };
            if (spec.signal?.aborted) throw new AbortedError(`${spec.method} ${spec.resource} was aborted`, { cause: spec.signal.reason });
            const timedOut = timeout.aborted || /TIMEOUT/.test(errorCode(err) ?? "");
            if (timedOut) {
                const error = new DeadlineExceededError(
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

    private failureFromAnswer(
        spec: CallSpec,
        attempt: number,
        httpStatus: number,
        text: string,
        headers: Record<string, string | string[] | undefined>,
        secrets: string[],
    ): { kind: "failed"; error: Error; retryable: boolean; throttled?: boolean; serverDelayMs?: number } {
        if (httpStatus >= 300 && httpStatus < 400) {
            const location = typeof headers.location === "string" ? headers.location : "(no location)";
            const error = new GoogleApiError({
                httpStatus,
                status: "UNKNOWN",
                googleMessage: `redirect to ${redact(location, secrets).slice(0, 200)}`,
                details: [],
                method: spec.method,
                resource: spec.resource,
                ...(spec.serviceKey ? { service: spec.serviceKey } : {}),
                hint: "Redirects are not followed with credentials: set endpoint to the final address if it is trusted",
                attempts: attempt,
            });
            return { kind: "failed", error, retryable: false };
        }
        const parsed = parseErrorBody(httpStatus, text);
        const details = JSON.parse(redact(JSON.stringify(parsed.details), secrets)) as typeof parsed.details;
        const retryable = RETRYABLE_HTTP_STATUSES.has(httpStatus);
        const error = new GoogleApiError({
            httpStatus,
            status: parsed.status,
            googleMessage: redact(parsed.message, secrets),
            details,
            method: spec.method,
            resource: spec.resource,
            ...(spec.serviceKey ? { service: spec.serviceKey } : {}),
            hint: hintFor({ status: parsed.status, httpStatus, method: spec.method, serviceKey: spec.serviceKey, details, attempts: attempt }),
            attempts: attempt,
        });
        const retryAfter = typeof headers["retry-after"] === "string" ? headers["retry-after"] : undefined;
        const serverDelayMs = serverRetryDelay(details, retryAfter);
        return {
            kind: "failed",
            error,
            retryable,
            throttled: httpStatus === 429,
            ...(serverDelayMs !== undefined ? { serverDelayMs } : {}),
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
        return new DeadlineExceededError(`${spec.method} ${spec.resource}: the deadline passed after ${attempts} attempt(s) without an answer`);
    }
}

function parseSuccess(text: string, spec: CallSpec): unknown {
    if (!text.trim()) return {};
    try {
        return JSON.parse(text);
    } catch {
        throw new NetworkError(
            `${spec.method} ${spec.resource}: ${hostOf(spec.url)} answered success with a body that is not JSON; check that endpoint points at a Google API (or the emulator)`,
        );
    }
}

function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return "the endpoint";
    }
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
        promise.then(
            (v) => {
                signal.removeEventListener("abort", onAbort);
                resolve(v);
            },
            (e) => {
                signal.removeEventListener("abort", onAbort);
                reject(e);
            },
        );
    });
}
