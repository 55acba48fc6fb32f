import type { Dispatcher } from "undici";
import { sharedCredentialSource, type CredentialOptions, type CredentialSource } from "./auth";
import { sharedDispatcher } from "./dispatcher";
import { resolveEndpoint, resourceUrl, type EndpointOptions, type ResolvedEndpoint } from "./endpoint";
import { GoogleApiError, InvalidOptionError, type OperationsMethod } from "./errors";
import { parseOperationName, parseParentName, type OperationRef, type ParentRef } from "./names";
import { outcomeOf } from "./outcome";
import { pollDelay, pollSchedule, type PollSchedule } from "./poll";
import { SharedBackoff, retryOptions, sleep, type RetryOptions } from "./retry";
import { Transport, type CallSpec } from "./transport";
import type { ListOperationsResponse, Operation, Outcome } from "./types";

/** How an {@link OperationsClient} reaches and authenticates to the API. */
export interface OperationsClientOptions extends EndpointOptions {
    /** Credentials settings (access token, credentials document, impersonation) or a ready source. Default: Application Default Credentials. */
    credentials?: CredentialOptions | CredentialSource;
    /** Project billed for quota, sent as `x-goog-user-project`. */
    quotaProject?: string;
    /** An undici dispatcher; default a shared keep-alive agent that honours HTTPS_PROXY / NO_PROXY. */
    dispatcher?: Dispatcher;
    /** Extra trusted CA certificates (PEM) for the default dispatcher, e.g. behind a TLS-inspecting proxy. */
    ca?: string;
    /** Deadline of one HTTP attempt, in ms. Default 30000. */
    requestTimeoutMs?: number;
    /** Retry policy for transient failures. */
    retry?: Partial<RetryOptions>;
    /** Poll schedule while waiting for an operation. */
    poll?: Partial<PollSchedule>;
    /** A backoff to share with other clients (e.g. all the workers of one sweep). */
    backoff?: SharedBackoff;
    /** Appended to the user agent. */
    userAgent?: string;
    /** Random source for jitter (tests). */
    random?: () => number;
}

/** Per-call options. */
export interface CallOptions {
    /** Aborts the call. */
    signal?: AbortSignal;
    /** Overall deadline for the call, retries included, in ms. Default 60000. */
    timeoutMs?: number;
}

/** Options of `listOperations`. */
export interface ListOptions extends CallOptions {
    /** A server-side filter such as `done=false` (support varies by service). */
    filter?: string;
    /** Page size to ask for; the server may cap it. */
    pageSize?: number;
}

/** Progress while waiting. */
export interface WaitProgress {
    name: string;
    operation: Operation;
    elapsedMs: number;
    polls: number;
    /** The operation's own status text (`metadata.statusMessage` / `statusDetail`), if any. */
    statusMessage?: string;
}

/** Options of `waitForOperation`. */
export interface WaitOptions {
    signal?: AbortSignal;
    /** How long to wait in all, in ms. Default 20 minutes. */
    timeoutMs?: number;
    /** Called after each poll that shows changed metadata (and after the first), as gax's `progress` event. */
    onProgress?: (progress: WaitProgress) => void;
    /** Called after every poll, changed or not (for heartbeats). */
    onPoll?: (progress: WaitProgress) => void;
}

/** What `waitForOperation` saw last. */
export interface WaitResult {
    operation: Operation;
    done: boolean;
    /** True when the operation was gone (404) while waiting. */
    notFound: boolean;
    polls: number;
    elapsedMs: number;
}

/** Options of `cancelAndConfirm`. */
export interface CancelOptions extends WaitOptions {
    /** Wait until the operation is done (default true); otherwise confirm with one GET. */
    wait?: boolean;
    /** Send the cancel (default true). False resumes a wait for a cancel sent earlier, never cancelling twice. */
    sendCancel?: boolean;
    /**
     * Called as soon as the server accepted the cancel, before any confirmation: a caller that must
     * never cancel twice records it here, since a later GET may still fail.
     */
    onCancelAccepted?: (requestedAt: string) => void;
}

/** The explicit result of `cancelAndConfirm`. */
export interface CancelResult {
    /** The operation's name, `projects/.../operations/...`. */
    name: string;
    outcome: Outcome;
    /** The last state read, when the operation exists. */
    operation?: Operation;
    /** True when this call sent a cancel request. */
    cancelSent: boolean;
    /**
     * True when the operation's metadata already showed a requested cancellation (`requestedCancellation`
     * or `cancelRequested`) before this call, which therefore sent none.
     */
    cancelAlreadyRequested?: boolean;
    /** When the cancel was sent (RFC 3339), if it was. */
    cancelRequestedAt?: string;
    /** HTTP requests made, retries included. */
    requests: number;
    /** The error behind a NOT_FOUND or UNSUPPORTED outcome. */
    error?: GoogleApiError;
    /** A sentence for people. */
    message: string;
    elapsedMs: number;
}

const VERSION_TAG = "pulumi-gcp-operations/0.1";
const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const DEFAULT_WAIT_TIMEOUT_MS = 20 * 60_000;
/** How far past a wait's deadline its last poll may run. */
const LAST_POLL_GRACE_MS = 5_000;

/**
 * A client of Google's long-running Operations API over REST, for any service in the registry or an
 * explicit endpoint. One client can serve many operations; every call is bounded by a deadline.
 */
export class OperationsClient {
    private readonly transport: Transport;
    private readonly schedule: PollSchedule;
    private readonly random: () => number;
    private requestsMade = 0;

    constructor(private readonly options: OperationsClientOptions = {}) {
        const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
        if (!(requestTimeoutMs > 0)) throw new InvalidOptionError("requestTimeoutMs", "requestTimeoutMs must be a positive number of milliseconds");
        if (options.quotaProject !== undefined && !/^[a-z0-9][a-z0-9.:-]{1,99}$/.test(options.quotaProject)) {
            throw new InvalidOptionError("quotaProject", `quotaProject ${JSON.stringify(options.quotaProject)} must be a project id`);
        }
        this.random = options.random ?? Math.random;
        this.schedule = pollSchedule(options.poll);
        const credentials = isCredentialSource(options.credentials)
            ? options.credentials
            : sharedCredentialSource({ ...(options.credentials ?? {}), ...(options.universeDomain ? { universeDomain: options.universeDomain } : {}) });
        const dispatcher = options.dispatcher;
        this.transport = new Transport({
            credentials,
            ...(options.quotaProject ? { quotaProject: options.quotaProject } : {}),
            dispatcher: dispatcher ? () => dispatcher : () => sharedDispatcher(options.ca),
            requestTimeoutMs,
            retry: retryOptions(options.retry),
            backoff: options.backoff ?? new SharedBackoff(),
            userAgent: options.userAgent ? `${VERSION_TAG} ${options.userAgent}` : VERSION_TAG,
            random: this.random,
            onAttempt: () => {
                this.requestsMade++;
            },
        });
    }

    /** HTTP requests this client has sent, retries included. */
    get requestCount(): number {
        return this.requestsMade;
    }

    /** Validates an operation name and decides where its requests go. Makes no request. */
    resolveOperation(name: string | OperationRef, field = "operation"): { ref: OperationRef; endpoint: ResolvedEndpoint; url: string } {
        const ref = typeof name === "string" ? parseOperationName(name, field) : name;
        const endpoint = resolveEndpoint(ref, this.options, field);
        return { ref, endpoint, url: resourceUrl(endpoint, ref) };
    }

    /** Validates a parent and decides where its list requests go. Makes no request. */
    resolveParent(parent: string | ParentRef, field = "parent"): { ref: ParentRef; endpoint: ResolvedEndpoint; url: string } {
        const ref = typeof parent === "string" ? parseParentName(parent, field) : parent;
        const endpoint = resolveEndpoint(ref, this.options, field);
        return { ref, endpoint, url: `${resourceUrl(endpoint, ref)}/operations` };
    }

    /** `GET` the operation: the truth about its status. */
    async getOperation(name: string | OperationRef, options: CallOptions = {}, counter?: () => void): Promise<Operation> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        const { json } = await this.transport.call(this.spec("get", "GET", url, ref.name, endpoint, options, undefined, counter));
        return asOperation(json, ref.name);
    }

    /** `POST ...:cancel`: asks the server to cancel (best effort). Only {@link getOperation} tells what happened. */
    async cancelOperation(name: string | OperationRef, options: CallOptions = {}, counter?: () => void): Promise<void> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        const body = endpoint.cancelBody === "empty-json" ? "{}" : undefined;
        await this.transport.call(this.spec("cancel", "POST", `${url}:cancel`, ref.name, endpoint, options, body, counter));
    }

    /** `DELETE` the operation record: the caller is no longer interested. This does not cancel it. */
    async deleteOperation(name: string | OperationRef, options: CallOptions = {}): Promise<void> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        await this.transport.call(this.spec("delete", "DELETE", url, ref.name, endpoint, options));
    }

    /** Every page of `ListOperations`, fetched one at a time as the caller consumes them. */
    async *listOperationPages(parent: string | ParentRef, options: ListOptions = {}): AsyncGenerator<ListOperationsResponse> {
        const { ref, endpoint, url } = this.resolveParent(parent);
        if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
            throw new InvalidOptionError("pageSize", "pageSize must be a positive integer");
        }
        let pageToken: string | undefined;
        do {
            const query = new URLSearchParams();
            if (options.filter) query.set("filter", options.filter);
            if (options.pageSize) query.set("pageSize", String(options.pageSize));
            if (pageToken) query.set("pageToken", pageToken);
            const qs = query.toString();
            const { json } = await this.transport.call(this.spec("list", "GET", qs ? `${url}?${qs}` : url, ref.name, endpoint, options));
            const page = (json ?? {}) as ListOperationsResponse;
            yield page;
            pageToken = typeof page.nextPageToken === "string" && page.nextPageToken ? page.nextPageToken : undefined;
        } while (pageToken);
    }

    /** Every operation under a parent, across all pages, streamed. */
    async *listOperations(parent: string | ParentRef, options: ListOptions = {}): AsyncGenerator<Operation> {
        for await (const page of this.listOperationPages(parent, options)) {
            for (const operation of page.operations ?? []) yield operation;
        }
    }

    /**
     * Polls until the operation is done or `timeoutMs` passes, on a schedule that starts well under a second
     * and grows with jitter to about 10 s. Reports progress when the metadata changes.
     */
    async waitForOperation(name: string | OperationRef, options: WaitOptions = {}, counter?: () => void): Promise<WaitResult> {
        const target = this.resolveOperation(name);
        const started = Date.now();
        const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
        const deadline = started + timeoutMs;
        let lastMetadata: string | undefined;
        let operation: Operation = { name: target.ref.name };
        for (let poll = 1; ; poll++) {
            try {
                const callDeadlineMs = Math.max(deadline, Date.now() + LAST_POLL_GRACE_MS) - Date.now();
                operation = await this.getOperation(target.ref, { timeoutMs: callDeadlineMs, ...(options.signal ? { signal: options.signal } : {}) }, counter);
            } catch (err) {
                if (err instanceof GoogleApiError && err.status === "NOT_FOUND") {
                    return { operation, done: false, notFound: true, polls: poll, elapsedMs: Date.now() - started };
                }
                throw err;
            }
            const metadata = JSON.stringify(operation.metadata ?? null);
            const progress: WaitProgress = { name: target.ref.name, operation, elapsedMs: Date.now() - started, polls: poll, ...statusMessageOf(operation) };
            if (metadata !== lastMetadata || operation.done) {
                lastMetadata = metadata;
                options.onProgress?.(progress);
            }
            options.onPoll?.(progress);
            if (operation.done) return { operation, done: true, notFound: false, polls: poll, elapsedMs: Date.now() - started };
            const remaining = deadline - Date.now();
            if (remaining <= 0) return { operation, done: false, notFound: false, polls: poll, elapsedMs: Date.now() - started };
            await sleep(Math.min(pollDelay(this.schedule, poll, this.random), remaining), options.signal);
        }
    }

    /**
     * Cancels an operation and confirms what became of it: GET first (a done operation is left alone);
     * POST cancel (an "already done" answer is checked with GET, not taken as failure); then wait or GET.
     */
    async cancelAndConfirm(name: string | OperationRef, options: CancelOptions = {}): Promise<CancelResult> {
        const target = this.resolveOperation(name);
        const started = Date.now();
        const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
        const deadline = started + timeoutMs;
        let requests = 0;
        const count = () => {
            requests++;
        };
        const callOptions = (): CallOptions => ({
            timeoutMs: Math.max(1, Math.min(DEFAULT_CALL_TIMEOUT_MS, deadline - Date.now())),
            ...(options.signal ? { signal: options.signal } : {}),
        });
        const finish = (partial: Omit<CancelResult, "name" | "requests" | "elapsedMs" | "message"> & { message?: string }): CancelResult => ({
            ...partial,
            name: target.ref.name,
            requests,
            elapsedMs: Date.now() - started,
            message: partial.message ?? describeOutcome(target.ref.name, partial.outcome, partial.cancelSent),
        });

        let operation: Operation;
        try {
            operation = await this.getOperation(target.ref, callOptions(), count);
        } catch (err) {
            if (isStatus(err, "NOT_FOUND")) return finish({ outcome: "NOT_FOUND", cancelSent: false, error: err });
            throw err;
        }
        if (operation.done) return finish({ outcome: outcomeOf(operation), operation, cancelSent: false });

        let cancelSent = false;
        let cancelRequestedAt: string | undefined;
        const alreadyRequested = cancellationRequestedIn(operation);
        if (options.sendCancel !== false && !alreadyRequested) {
            try {
                cancelRequestedAt = new Date().toISOString();
                await this.cancelOperation(target.ref, callOptions(), count);
                cancelSent = true;
                options.onCancelAccepted?.(cancelRequestedAt);
            } catch (err) {
                if (!(err instanceof GoogleApiError)) throw err;
                const recheck = await this.recheckAfterRefusal(target.ref, err, callOptions, count);
                if (recheck.kind === "gone") return finish({ outcome: "NOT_FOUND", cancelSent: false, error: err, operation });
                if (recheck.kind === "done") return finish({ outcome: outcomeOf(recheck.operation), operation: recheck.operation, cancelSent: false });
                if (err.status === "UNIMPLEMENTED") {
                    return finish({ outcome: "UNSUPPORTED", operation: recheck.operation, cancelSent: false, error: err });
                }
                throw err;
            }
        }
        const sent = {
            ...(cancelSent ? { cancelRequestedAt: cancelRequestedAt as string } : {}),
            ...(alreadyRequested ? { cancelAlreadyRequested: true } : {}),
        };
        if (options.wait === false) {
            try {
                operation = await this.getOperation(target.ref, callOptions(), count);
            } catch (err) {
                if (isStatus(err, "NOT_FOUND")) return finish({ outcome: "NOT_FOUND", cancelSent, ...sent, error: err });
                throw err;
            }
            return finish({ outcome: outcomeOf(operation), operation, cancelSent, ...sent });
        }
        const waited = await this.waitForOperation(target.ref, { ...options, timeoutMs: Math.max(0, deadline - Date.now()) }, count);
        if (waited.notFound) return finish({ outcome: "NOT_FOUND", operation: waited.operation, cancelSent, ...sent });
        return finish({ outcome: outcomeOf(waited.operation), operation: waited.operation, cancelSent, ...sent });
    }

    /** After the server refused a cancel, GET tells whether the operation is done, gone, or really still running. */
    private async recheckAfterRefusal(
        ref: OperationRef,
        refusal: GoogleApiError,
        callOptions: () => CallOptions,
        count: () => void,
    ): Promise<{ kind: "done" | "running"; operation: Operation } | { kind: "gone" }> {
        if (refusal.status === "NOT_FOUND") return { kind: "gone" };
        if (!["FAILED_PRECONDITION", "ABORTED", "UNIMPLEMENTED", "INVALID_ARGUMENT", "OUT_OF_RANGE", "ALREADY_EXISTS"].includes(refusal.status)) {
            throw refusal;
        }
        try {
            const operation = await this.getOperation(ref, callOptions(), count);
            return { kind: operation.done ? "done" : "running", operation };
        } catch (err) {
            if (isStatus(err, "NOT_FOUND")) return { kind: "gone" };
            throw err;
        }
    }

    private spec(
        method: OperationsMethod,
        httpMethod: CallSpec["httpMethod"],
        url: string,
        resource: string,
        endpoint: ResolvedEndpoint,
        options: CallOptions,
        body?: string,
        counter?: () => void,
    ): CallSpec {
        return {
            httpMethod,
            url,
            method,
            resource,
            deadline: Date.now() + (options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS),
            ...(body !== undefined ? { body } : {}),
            ...(endpoint.serviceKey ? { serviceKey: endpoint.serviceKey } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(counter ? { onAttempt: counter } : {}),
        };
    }
}

function isCredentialSource(value: unknown): value is CredentialSource {
    return !!value && typeof (value as CredentialSource).requestHeaders === "function";
}

function isStatus(err: unknown, status: string): err is GoogleApiError {
    return err instanceof GoogleApiError && err.status === status;
}

function asOperation(json: unknown, name: string): Operation {
    if (!json || typeof json !== "object" || Array.isArray(json)) return { name };
    const operation = json as Operation;
    return typeof operation.name === "string" ? operation : { ...operation, name };
}

/** The operation's own status text: Cloud Deploy's `statusMessage`, GKE Multi-Cloud's `statusDetail`. */
export function statusMessageOf(operation: Operation): { statusMessage?: string } {
    const metadata = operation.metadata ?? {};
    const text = metadata.statusMessage ?? metadata.statusDetail;
    return typeof text === "string" && text ? { statusMessage: text } : {};
}

/** A sentence that says what happened. */
export function describeOutcome(name: string, outcome: Outcome, cancelSent: boolean): string {
    switch (outcome) {
        case "CANCELLED":
            return cancelSent ? `${name} was cancelled` : `${name} had already been cancelled; no cancel was sent`;
        case "SUCCEEDED":
            return cancelSent ? `${name} finished successfully before the cancel took effect` : `${name} had already finished successfully; no cancel was sent`;
        case "FAILED":
            return cancelSent ? `${name} failed before the cancel took effect` : `${name} had already failed; no cancel was sent`;
        case "RUNNING":
            return cancelSent ? `cancel of ${name} was requested, but it was still running when the wait ended` : `${name} is still running`;
        case "NOT_FOUND":
            return `${name} was not found: it does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong`;
        case "UNSUPPORTED":
            return `the service does not support cancelling ${name}`;
    }
}

/**
 * Whether the operation says a cancellation was already requested: `requestedCancellation` (Cloud
 * Deploy, GKE Multi-Cloud and most `OperationMetadata`) or `cancelRequested` (e.g. Vertex AI, Batch).
 */
export function cancellationRequestedIn(operation: Operation): boolean {
    const metadata = operation.metadata as Record<string, unknown> | undefined;
    return metadata?.requestedCancellation === true || metadata?.cancelRequested === true;
}
