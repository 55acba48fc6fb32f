import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import { sharedCredentialSource, type CredentialOptions, type CredentialSource } from "./auth";
import { sharedDispatcher } from "./dispatcher";
import { resolveEndpoint, resourceUrl, type EndpointOptions, type ResolvedEndpoint } from "./endpoint";
import { DeadlineExceededError, GoogleApiError, InvalidNameError, InvalidOptionError, InvalidResponseError, type OperationsMethod } from "./errors";
import { isParsedRef, parseOperationName, parseParentName, type OperationRef, type ParentRef } from "./names";
import { outcomeForShape } from "./outcome";
import { shapeAdapter } from "./shapes";
import { pollDelay, pollSchedule, type PollSchedule } from "./poll";
import { SharedBackoff, retryOptions, sleep, type RetryOptions } from "./retry";
import { Transport, type CallSpec } from "./transport";
import { formatDuration } from "../util/duration";
import type { ListOperationsResponse, Operation, Outcome } from "./types";
import { checkEmpty } from "./validate";

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
    /** Deadline of one HTTP attempt, in ms. Default 30000. The last attempt of a call is clipped to the call's deadline. */
    requestTimeoutMs?: number;
    /** The largest response body read, in bytes. Default 8 MiB; a larger answer fails the call with ERR_INVALID_RESPONSE. */
    maxResponseBytes?: number;
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
    /**
     * Overall deadline of the whole listing, every page included (and the time the caller takes between
     * pages), in ms. Default 10 minutes. Past it the next page fails with ERR_DEADLINE_EXCEEDED.
     */
    timeoutMs?: number;
    /** Deadline of one page's call, retries included, in ms (never past the overall deadline). Default 60000. */
    pageTimeoutMs?: number;
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
    /**
     * Called just before the cancel request is written: if the call then fails without an answer from the
     * server (network error, deadline, abort), the cancel may or may not have reached it.
     */
    onCancelSending?: () => void;
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
const DEFAULT_LIST_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/**
 * The time kept free before a wait's deadline for its last poll: a poll is due no later than this
 * before the deadline, and none starts with less left (the wait then sleeps out its time). The last
 * poll itself ends by the deadline.
 */
const LAST_POLL_RESERVE_MS = 1_000;

/**
 * A client of Google's long-running Operations API over REST, for any service in the registry or an
 * explicit endpoint. One client can serve many operations; every call is bounded by a deadline.
 */
export class OperationsClient {
    private readonly transport: Transport;
    private readonly schedule: PollSchedule;
    private readonly random: () => number;
    private requestsMade = 0;
    /**
     * Where each parsed (frozen) operation reference's requests go, decided once: a cancel-and-confirm
     * sends three or more requests for the same reference, and a frozen reference cannot change.
     */
    private readonly resolvedOperations = new WeakMap<OperationRef, { ref: OperationRef; endpoint: ResolvedEndpoint; url: string }>();
    /** The same for parents (a sweep checks each listed operation against its parent). */
    private readonly resolvedParents = new WeakMap<ParentRef, { ref: ParentRef; endpoint: ResolvedEndpoint; url: string }>();

    /** The options as given, copied: a later change to the caller's object does not reach this client. */
    private readonly options: Readonly<OperationsClientOptions>;

    constructor(options: OperationsClientOptions = {}) {
        this.options = Object.freeze({ ...options });
        const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
        if (!(requestTimeoutMs > 0)) throw new InvalidOptionError("requestTimeoutMs", "requestTimeoutMs must be a positive number of milliseconds");
        const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
        if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes >= 1024)) {
            throw new InvalidOptionError("maxResponseBytes", "maxResponseBytes must be a whole number of bytes, at least 1024");
        }
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
            maxResponseBytes,
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
        const known = typeof name === "object" && name !== null ? this.resolvedOperations.get(name) : undefined;
        if (known) return known;
        const ref = typeof name === "string" ? parseOperationName(name, field) : checkedRef(name, field, true);
        const endpoint = resolveEndpoint(ref, this.options, field);
        const resolved = { ref, endpoint, url: resourceUrl(endpoint, ref, "", field) };
        // Only a parsed reference is remembered: it is frozen, so the answer stays true for it.
        if (isParsedRef(ref)) this.resolvedOperations.set(ref, resolved);
        return resolved;
    }

    /** Validates a parent and decides where its list requests go. Makes no request. */
    resolveParent(parent: string | ParentRef, field = "parent"): { ref: ParentRef; endpoint: ResolvedEndpoint; url: string } {
        const known = typeof parent === "object" && parent !== null ? this.resolvedParents.get(parent) : undefined;
        if (known) return known;
        const ref = typeof parent === "string" ? parseParentName(parent, field) : checkedRef(parent, field, false);
        const endpoint = resolveEndpoint(ref, this.options, field);
        const resolved = { ref, endpoint, url: shapeAdapter(endpoint.shape).listBase(endpoint, ref, field) };
        if (isParsedRef(ref)) this.resolvedParents.set(ref, resolved);
        return resolved;
    }

    /** `GET` the operation: the truth about its status. */
    async getOperation(name: string | OperationRef, options: CallOptions = {}, counter?: () => void): Promise<Operation> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        const { json } = await this.transport.call(this.spec("get", "GET", url, ref.name, endpoint, options, undefined, counter));
        return shapeAdapter(endpoint.shape).readOperation(json, ref, { method: "get", resource: ref.name });
    }

    /**
     * The outcome an operation's state shows, in its service's shape: knowing whether a cancel was
     * requested, GKE's and Cloud SQL's endings that cannot show a cancellation for certain are `ENDED`.
     */
    outcomeOf(name: string | OperationRef, operation: Operation, cancelRequested: boolean): Outcome {
        return outcomeForShape(this.resolveOperation(name).endpoint.shape, operation, cancelRequested);
    }

    /** Whether a listed operation (its name parsed, its view read) belongs to the parent that was listed. */
    belongsTo(child: OperationRef, view: Operation, parent: string | ParentRef): boolean {
        const { ref, endpoint } = this.resolveParent(parent);
        return shapeAdapter(endpoint.shape).belongsTo(child, view, ref);
    }

    /** `POST ...:cancel`: asks the server to cancel (best effort). Only {@link getOperation} tells what happened. */
    async cancelOperation(name: string | OperationRef, options: CallOptions = {}, counter?: () => void): Promise<void> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        const body = endpoint.cancelBody === "empty-json" ? "{}" : undefined;
        const { json } = await this.transport.call(this.spec("cancel", "POST", `${url}${endpoint.cancelSuffix}`, ref.name, endpoint, options, body, counter));
        checkEmpty(json, { method: "cancel", resource: ref.name });
    }

    /** `DELETE` the operation record: the caller is no longer interested. This does not cancel it. */
    async deleteOperation(name: string | OperationRef, options: CallOptions = {}): Promise<void> {
        const { ref, endpoint, url } = this.resolveOperation(name);
        const { json } = await this.transport.call(this.spec("delete", "DELETE", url, ref.name, endpoint, options));
        checkEmpty(json, { method: "delete", resource: ref.name });
    }

    /**
     * Every page of `ListOperations`, fetched one at a time as the caller consumes them, within one overall
     * deadline (`timeoutMs`). A page token answered twice is an error (the listing would never end).
     */
    async *listOperationPages(parent: string | ParentRef, options: ListOptions = {}): AsyncGenerator<ListOperationsResponse> {
        const { ref, endpoint, url } = this.resolveParent(parent);
        const adapter = shapeAdapter(endpoint.shape);
        if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1)) {
            throw new InvalidOptionError("pageSize", "pageSize must be a positive integer");
        }
        for (const key of ["timeoutMs", "pageTimeoutMs"] as const) {
            const value = options[key];
            if (value !== undefined && !(typeof value === "number" && value > 0)) throw new InvalidOptionError(key, `${key} must be a positive number of milliseconds`);
        }
        const started = Date.now();
        const deadline = started + (options.timeoutMs ?? DEFAULT_LIST_TIMEOUT_MS);
        const pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
        const ctx = { method: "list" as const, resource: ref.name };
        // Digests, not the tokens: the set stays small however long the tokens are.
        const seenTokens = new Set<string>();
        let pageToken: string | undefined;
        let pages = 0;
        do {
            const left = deadline - Date.now();
            if (left <= 0) {
                throw new DeadlineExceededError(
                    `list ${ref.name}: the listing's deadline of ${formatDuration(deadline - started)} passed after ${pages} page(s); the rest was not listed`,
                    { callDeadline: true, listingDeadline: true },
                );
            }
            const pageUrl = adapter.listUrl(endpoint, ref, url, {
                ...(options.filter ? { filter: options.filter } : {}),
                ...(options.pageSize ? { pageSize: options.pageSize } : {}),
                ...(pageToken ? { pageToken } : {}),
            });
            const callOptions: CallOptions = { timeoutMs: Math.min(pageTimeoutMs, left), ...(options.signal ? { signal: options.signal } : {}) };
            let json: unknown;
            try {
                ({ json } = await this.transport.call(this.spec("list", "GET", pageUrl, ref.name, endpoint, callOptions)));
            } catch (err) {
                // The listing's own deadline (not the page's) cut this page short: say so.
                if (err instanceof DeadlineExceededError && err.callDeadline && left <= pageTimeoutMs) {
                    throw new DeadlineExceededError(
                        `list ${ref.name}: the listing's deadline of ${formatDuration(deadline - started)} passed after ${pages} page(s), while page ${pages + 1} was read; the rest was not listed`,
                        { callDeadline: true, listingDeadline: true, cause: err },
                    );
                }
                throw err;
            }
            const page = adapter.readListPage(json, ref, ctx);
            pages++;
            const next = page.nextPageToken ? page.nextPageToken : undefined;
            if (next !== undefined) {
                const digest = createHash("sha256").update(next).digest("base64");
                // Every token answered so far is in the set, the one just sent included.
                if (seenTokens.has(digest)) {
                    throw new InvalidResponseError(
                        `list ${ref.name}: page ${pages} answered a nextPageToken already answered by an earlier page; the listing would never end, so it stops here. ` +
                            "Check that endpoint points at a Google API (or the emulator)",
                    );
                }
                seenTokens.add(digest);
            }
            yield page;
            pageToken = next;
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
     * and grows with jitter to about 9 s (DEFAULT_POLL). Reports progress when the metadata changes.
     */
    async waitForOperation(name: string | OperationRef, options: WaitOptions = {}, counter?: () => void): Promise<WaitResult> {
        const target = this.resolveOperation(name);
        const started = Date.now();
        const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
        if (!(typeof timeoutMs === "number" && timeoutMs >= 0)) throw new InvalidOptionError("timeoutMs", "timeoutMs must be a non-negative number of milliseconds");
        const deadline = started + timeoutMs;
        let lastMetadata: string | undefined;
        let operation: Operation = { name: target.ref.name };
        let polls = 0;
        for (let poll = 1; ; poll++) {
            const budget = deadline - Date.now();
            if (budget <= 0) return { operation, done: false, notFound: false, polls, elapsedMs: Date.now() - started };
            try {
                // The poll ends by the wait's deadline: no attempt runs past it.
                operation = await this.getOperation(target.ref, { timeoutMs: Math.min(DEFAULT_CALL_TIMEOUT_MS, budget), ...(options.signal ? { signal: options.signal } : {}) }, counter);
                polls = poll;
            } catch (err) {
                if (err instanceof GoogleApiError && err.status === "NOT_FOUND") {
                    return { operation, done: false, notFound: true, polls: poll, elapsedMs: Date.now() - started };
                }
                // The wait's own deadline (the poll's whole budget) cut this poll short: the operation was last seen running.
                if (err instanceof DeadlineExceededError && err.callDeadline && budget <= DEFAULT_CALL_TIMEOUT_MS) {
                    return { operation, done: false, notFound: false, polls, elapsedMs: Date.now() - started };
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
            // Keep time for a last poll before the deadline. Once it was made, the wait lasts out its time
            // (it ends at the deadline, not before) with that last state.
            const reserve = Math.min(LAST_POLL_RESERVE_MS, timeoutMs / 4);
            if (remaining <= reserve) {
                await sleep(remaining, options.signal);
                return { operation, done: false, notFound: false, polls: poll, elapsedMs: Date.now() - started };
            }
            await sleep(Math.min(pollDelay(this.schedule, poll, this.random), remaining - reserve), options.signal);
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
        const alreadyRequested = cancellationRequestedIn(operation);
        const shape = target.endpoint.shape;
        if (operation.done) {
            return finish({ outcome: outcomeForShape(shape, operation, alreadyRequested), operation, cancelSent: false, ...(alreadyRequested ? { cancelAlreadyRequested: true } : {}) });
        }

        let cancelSent = false;
        let cancelRequestedAt: string | undefined;
        if (options.sendCancel !== false && !alreadyRequested) {
            try {
                cancelRequestedAt = new Date().toISOString();
                options.onCancelSending?.();
                await this.cancelOperation(target.ref, callOptions(), count);
                cancelSent = true;
                options.onCancelAccepted?.(cancelRequestedAt);
            } catch (err) {
                if (!(err instanceof GoogleApiError)) throw err;
                const recheck = await this.recheckAfterRefusal(target.ref, err, callOptions, count);
                if (recheck.kind === "gone") return finish({ outcome: "NOT_FOUND", cancelSent: false, error: err, operation });
                if (recheck.kind === "done") return finish({ outcome: outcomeForShape(shape, recheck.operation, false), operation: recheck.operation, cancelSent: false });
                if (err.status === "UNIMPLEMENTED") {
                    return finish({ outcome: "UNSUPPORTED", operation: recheck.operation, cancelSent: false, error: err });
                }
                throw err;
            }
        }
        const requested = cancelSent || alreadyRequested || options.sendCancel === false;
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
            return finish({ outcome: outcomeForShape(shape, operation, requested), operation, cancelSent, ...sent });
        }
        const waited = await this.waitForOperation(target.ref, { ...options, timeoutMs: Math.max(0, deadline - Date.now()) }, count);
        if (waited.notFound) return finish({ outcome: "NOT_FOUND", operation: waited.operation, cancelSent, ...sent });
        return finish({ outcome: outcomeForShape(shape, waited.operation, requested), operation: waited.operation, cancelSent, ...sent });
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

/**
 * A reference given as an object (parsed earlier, or built by hand) is held to the rules of a parsed
 * one: its segments valid and its `name` exactly the one they make.
 */
function checkedRef<T extends ParentRef>(value: T, field: string, withOperation: boolean): T {
    // A reference this library parsed is frozen as validated: only its kind (operation or parent) is checked.
    if (isParsedRef(value) && (typeof (value as Partial<OperationRef>).operation === "string") === withOperation) return value;
    const ref = value as Partial<OperationRef> | null;
    let parsed: ParentRef | undefined;
    if (ref && typeof ref === "object" && typeof ref.name === "string") {
        try {
            parsed = withOperation ? parseOperationName(ref.name, field) : parseParentName(ref.name, field);
        } catch {
            parsed = undefined;
        }
    }
    const ok =
        !!ref &&
        !!parsed &&
        ref.project === parsed.project &&
        ref.location === parsed.location &&
        (!withOperation || ref.operation === (parsed as OperationRef).operation) &&
        (ref.segments === undefined || ref.segments.map(([c, id]) => `${c}/${id}`).join("/") === parsed.name) &&
        parsed.name === ref.name;
    if (!ok) {
        throw new InvalidNameError(field, `${field} must be a name such as projects/{project}/locations/{location}${withOperation ? "/operations/{operation}" : ""} (or a reference parsed from one)`);
    }
    if (withOperation && ref.location === "-") throw new InvalidNameError(field, `${field} uses the wildcard location '-', which only lists operations; name the operation's own location`);
    return value;
}

function isCredentialSource(value: unknown): value is CredentialSource {
    return !!value && typeof (value as CredentialSource).requestHeaders === "function";
}

function isStatus(err: unknown, status: string): err is GoogleApiError {
    return err instanceof GoogleApiError && err.status === status;
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
        case "ENDED":
            return `${name} ended after the cancel was requested; its service's answer cannot tell whether the cancel stopped it or it finished on its own`;
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
