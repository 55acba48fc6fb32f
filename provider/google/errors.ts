import { redactSecrets } from "./secrets";
import type { AnyMessage } from "./types";
import type { RpcCodeName } from "./status";

/**
 * Base class of every error this library throws. `code` is stable and safe to branch on
 * (in the manner of undici's error classes); `message` is for people, and never carries credential
 * material: every message is passed through {@link redactSecrets} (the token values the clients hold,
 * and anything shaped like a credential).
 */
export class OperationsError extends Error {
    /** A stable machine-readable code such as `ERR_INVALID_OPERATION_NAME`. */
    public readonly code: string;

    constructor(code: string, message: string, options?: { cause?: unknown }) {
        super(redactSecrets(message), options);
        this.name = new.target.name;
        this.code = code;
    }
}

/** A name, parent or URL that does not have the expected form. Raised before any request. */
export class InvalidNameError extends OperationsError {
    /** The option or input property that held the bad value. */
    public readonly field: string;

    constructor(field: string, message: string) {
        super("ERR_INVALID_NAME", message);
        this.field = field;
    }
}

/** An option with a bad value. Raised before any request. */
export class InvalidOptionError extends OperationsError {
    /** The option or input property that held the bad value. */
    public readonly field: string;

    constructor(field: string, message: string) {
        super("ERR_INVALID_OPTION", message);
        this.field = field;
    }
}

/** Which Operations API method a request was made for. */
export type OperationsMethod = "get" | "cancel" | "list" | "delete";

/** What a {@link GoogleApiError} was built from. */
export interface GoogleApiErrorInit {
    httpStatus: number;
    status: RpcCodeName;
    googleMessage: string;
    details: AnyMessage[];
    method: OperationsMethod;
    /** The operation (or, for list, the parent) the request was about. */
    resource: string;
    /** What to do about it, composed by the caller from the status. */
    hint: string;
    /** How many attempts were made, retries included. */
    attempts: number;
    /** A last sentence, e.g. that the server asked to wait longer than the deadline allows. */
    note?: string;
}

/**
 * Google answered with an error (AIP-193), or with a non-JSON body from something in between.
 * Carries the HTTP status, the `google.rpc.Code` name, Google's own message and details, and what to do.
 */
export class GoogleApiError extends OperationsError {
    /** The HTTP status code of the answer. */
    public readonly httpStatus: number;
    /** The `google.rpc.Code` name (`status` of the body, or derived from the HTTP status). */
    public readonly status: RpcCodeName;
    /** Google's message, with anything that looks like a credential removed. */
    public readonly googleMessage: string;
    /** `error.details` of the body (ErrorInfo, RetryInfo, ...). */
    public readonly details: AnyMessage[];
    /** The Operations API method called. */
    public readonly method: OperationsMethod;
    /** The operation name (or parent, for list). */
    public readonly resource: string;
    /** What to do about it. */
    public readonly hint: string;
    /** How many attempts were made, retries included. */
    public readonly attempts: number;

    constructor(init: GoogleApiErrorInit) {
        const what = `${init.method} ${init.resource}`;
        super(
            "ERR_GOOGLE_API",
            `${what} failed: HTTP ${init.httpStatus} ${init.status}: ${init.googleMessage.replace(/[.\s]+$/, "") || "(no message)"}` +
                (init.attempts > 1 ? ` (after ${init.attempts} attempts)` : "") +
                (init.hint ? `. ${init.hint}` : "") +
                (init.note ? `. ${init.note}` : ""),
        );
        this.httpStatus = init.httpStatus;
        this.status = init.status;
        this.googleMessage = init.googleMessage;
        this.details = init.details;
        this.method = init.method;
        this.resource = init.resource;
        this.hint = init.hint;
        this.attempts = init.attempts;
    }

    /** The `reason` of the first `google.rpc.ErrorInfo` detail, if any. */
    get reason(): string | undefined {
        const info = this.details.find((d) => d["@type"] === ERROR_INFO_TYPE);
        return typeof info?.reason === "string" ? info.reason : undefined;
    }
}

/** The request could not be completed in time: the per-request or the overall deadline passed. */
export class DeadlineExceededError extends OperationsError {
    /** True when the call's overall deadline (not only one attempt's timeout) ended it. */
    public readonly callDeadline: boolean;
    /** True when a listing's overall deadline (its `timeoutMs`, not one page's) ended it. */
    public readonly listingDeadline: boolean;

    constructor(message: string, options?: { cause?: unknown; callDeadline?: boolean; listingDeadline?: boolean }) {
        super("ERR_DEADLINE_EXCEEDED", message, options);
        this.callDeadline = options?.callDeadline === true;
        this.listingDeadline = options?.listingDeadline === true;
    }
}

/** The connection failed (reset, refused, TLS, DNS, proxy) on every attempt. */
export class NetworkError extends OperationsError {
    constructor(message: string, options?: { cause?: unknown; code?: string }) {
        super(options?.code ?? "ERR_NETWORK", message, options);
    }
}

/**
 * The server answered, but not with what the Operations API answers: a body larger than the limit,
 * not JSON, nested deeper than protobuf allows, of the wrong shape (`done` not a boolean, the name of
 * another operation, a list page whose `operations` is not an array...), or a page token answered twice.
 * Code `ERR_INVALID_RESPONSE`; a kind of {@link NetworkError} (something between the client and Google,
 * or a server that is not Google's, answered), so callers that handle network failures handle it too.
 */
export class InvalidResponseError extends NetworkError {
    constructor(message: string, options?: { cause?: unknown }) {
        super(message, { ...options, code: "ERR_INVALID_RESPONSE" });
    }
}

/** The caller aborted the call through its `AbortSignal`. */
export class AbortedError extends OperationsError {
    constructor(message: string, options?: { cause?: unknown }) {
        super("ERR_ABORTED", message, options);
    }
}

/** Credentials could not be obtained (no ADC, bad credentials JSON, impersonation refused). */
export class CredentialsError extends OperationsError {
    constructor(message: string, options?: { cause?: unknown }) {
        super("ERR_CREDENTIALS", message, options);
    }
}

export const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";
export const RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";
