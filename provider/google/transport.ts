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
import { undici } from "./undici";

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

    constructor(private readonly options: TransportOptions) {}

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
        // One timer per attempt, cleared when the attempt ends (AbortSignal.timeout's would stay armed
        // for the whole requestTimeoutMs after the answer, one per request sent).
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(new DOMException(`attempt timed out after ${attemptMs} ms`, "TimeoutError")), attemptMs);
        timer.unref?.();
        const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal;
        let secrets: string[] = [];
        try {
            const auth = await withSignal(this.options.credentials.requestHeaders(spec.url), signal);
            secrets = Object.values(auth).filter((v) => /^bearer\s/i.test(v)).flatMap((v) => [v, v.replace(/^bearer\s+/i, "")]);
            for (const secret of secrets) rememberSecret(secret);
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
            const response = await undici().request(spec.url, {
                method: spec.httpMethod,
                headers,
                body: spec.body,
                dispatcher: this.dispatcher(),
                signal,
                headersTimeout: attemptMs,
                bodyTimeout: attemptMs,
            });
            if (response.statusCode >= 300 && response.statusCode < 400) {
                discard(response.body);
                return this.redirectFailure(spec, attempt, response.statusCode, response.headers, secrets);
            }
            const text = await readBody(response.body, response.headers, this.options.maxResponseBytes, spec, response.statusCode);
            if (response.statusCode >= 200 && response.statusCode < 300) {
                return { kind: "ok", json: parseSuccess(text, spec) };
            }
            return this.failureFromAnswer(spec, attempt, response.statusCode, text, response.headers, secrets);
        } catch (err) {
            if (err instanceof CredentialsError || err instanceof NetworkError) return { kind: "failed", error: err, retryable: false };
            if (spec.signal?.aborted) throw new AbortedError(`${spec.method} ${spec.resource} was aborted`, { cause: spec.signal.reason });
            const timedOut = timeout.signal.aborted || /TIMEOUT/.test(errorCode(err) ?? "");
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
        } finally {
            clearTimeout(timer);
        }
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
            ...(spec.serviceKey ? { service: spec.serviceKey } : {}),
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
            ...(spec.serviceKey ? { service: spec.serviceKey } : {}),
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

/**
 * Reads a response body of at most `limit` bytes. A larger one (by its Content-Length, or as it streams
 * in) is abandoned at once with an {@link InvalidResponseError} naming the limit, so an endless body
 * never costs more than `limit` bytes of memory.
 */
async function readBody(
    body: Dispatcher.ResponseData["body"],
    headers: Record<string, string | string[] | undefined>,
    limit: number,
    spec: CallSpec,
    httpStatus: number,
): Promise<string> {
    const tooLarge = (what: string) => {
        discard(body);
        return new InvalidResponseError(
            `${spec.method} ${spec.resource}: ${hostOf(spec.url)} answered HTTP ${httpStatus} with a body ${what}, over the limit of ${formatBytes(limit)} per response; ` +
                "it was not read. Check that endpoint points at a Google API (or the emulator), or lower pageSize",
        );
    };
    const declared = Number(typeof headers["content-length"] === "string" ? headers["content-length"] : NaN);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(`of ${formatBytes(declared)} (Content-Length)`);
    // A declared length within the limit bounds the body (HTTP/1.1 framing reads no more than it):
    // undici reads it in one go, without the chunk-by-chunk iteration an undeclared length needs.
    if (Number.isFinite(declared) && typeof headers["transfer-encoding"] !== "string") return body.text();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) {
            chunks.length = 0;
            throw tooLarge(`larger than ${formatBytes(limit)}`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString("utf8");
}

/** Abandons a body that will not be read (its connection is not reused). */
function discard(body: Dispatcher.ResponseData["body"]): void {
    body.on("error", () => undefined);
    body.destroy();
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
