/**
 * Error answers shaped like Google's: AIP-193 JSON for API errors, and the front end's HTML pages
 * for requests that match no API method.
 */
import { httpStatusForCode, type RpcCodeName } from "../google/status";

/** An answer ready to write: status, headers and body. */
export interface HttpAnswer {
    status: number;
    headers: Record<string, string>;
    body: string;
}

/** A `google.rpc` detail message in JSON form. */
export type ErrorDetail = { "@type": string } & Record<string, unknown>;

const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
const BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";
const RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

/** Content type of every JSON answer of Google's REST front end. */
export const JSON_CONTENT_TYPE = "application/json; charset=UTF-8";

/** An `ErrorInfo` detail. */
export function errorInfo(reason: string, domain: string, metadata?: Record<string, string>): ErrorDetail {
    const detail: ErrorDetail = { "@type": ERROR_INFO, reason, domain };
    if (metadata && Object.keys(metadata).length > 0) detail.metadata = metadata;
    return detail;
}

/** A `BadRequest` detail with one field violation per description. */
export function badRequest(violations: Array<{ field?: string; description: string }>): ErrorDetail {
    return { "@type": BAD_REQUEST, fieldViolations: violations };
}

/** A `RetryInfo` detail, `delay` in the JSON `Duration` form (`"2s"`). */
export function retryInfo(delay: string): ErrorDetail {
    return { "@type": RETRY_INFO, retryDelay: delay };
}

/** Serialises like Google: pretty-printed (2 spaces) unless the request said `prettyPrint=false`. */
export function serialize(value: unknown, pretty: boolean): string {
    return pretty ? JSON.stringify(value, null, 2) + "\n" : JSON.stringify(value);
}

/** An AIP-193 error answer. */
export function googleError(
    code: RpcCodeName,
    message: string,
    details: ErrorDetail[],
    pretty: boolean,
    extraHeaders: Record<string, string> = {},
): HttpAnswer {
    const status = httpStatusForCode(code);
    const error: Record<string, unknown> = { code: status, message, status: code };
    if (details.length > 0) error.details = details;
    return {
        status,
        headers: { "content-type": JSON_CONTENT_TYPE, vary: "Origin, X-Origin, Referer", ...extraHeaders },
        body: serialize({ error }, pretty),
    };
}

const AUTH_HELP =
    "Expected OAuth 2 access token, login cookie or other valid authentication credential. " +
    "See https://developers.google.com/identity/sign-in/web/devconsole-project.";

/** 401 for a request without credentials. */
export function credentialsMissing(service: string, method: string, pretty: boolean): HttpAnswer {
    return googleError(
        "UNAUTHENTICATED",
        `Request is missing required authentication credential. ${AUTH_HELP}`,
        [errorInfo("CREDENTIALS_MISSING", "googleapis.com", { service: `${service}.googleapis.com`, method })],
        pretty,
        { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' },
    );
}

/** 401 for a token the emulator does not accept. */
export function credentialsInvalid(service: string, method: string, pretty: boolean): HttpAnswer {
    return googleError(
        "UNAUTHENTICATED",
        `Request had invalid authentication credentials. ${AUTH_HELP}`,
        [errorInfo("ACCESS_TOKEN_TYPE_UNSUPPORTED", "googleapis.com", { service: `${service}.googleapis.com`, method })],
        pretty,
        { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    );
}

/** 403 as IAM answers it: the permission and the full resource name. */
export function permissionDenied(service: string, permission: string, resource: string, pretty: boolean): HttpAnswer {
    const domain = `${service}.googleapis.com`;
    return googleError(
        "PERMISSION_DENIED",
        `Permission '${permission}' denied on resource '//${domain}/${resource}' (or it may not exist).`,
        [errorInfo("IAM_PERMISSION_DENIED", domain, { permission, resource })],
        pretty,
    );
}

/** 400 INVALID_ARGUMENT with a `BadRequest` detail, as the JSON transcoder answers a bad payload or parameter. */
export function invalidArgument(message: string, pretty: boolean, field?: string): HttpAnswer {
    return googleError("INVALID_ARGUMENT", message, [badRequest([{ ...(field ? { field } : {}), description: message }])], pretty);
}

const DEFAULT_MESSAGES: Partial<Record<RpcCodeName, string>> = {
    RESOURCE_EXHAUSTED: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service.",
    UNAVAILABLE: "The service is currently unavailable.",
    INTERNAL: "Internal error encountered.",
    DEADLINE_EXCEEDED: "The request was aborted because it timed out.",
    ABORTED: "The operation was aborted.",
    UNKNOWN: "Unknown error.",
    CANCELLED: "The operation was cancelled.",
};

/** A message like Google's for a status injected without one. */
export function defaultMessage(code: RpcCodeName): string {
    return DEFAULT_MESSAGES[code] ?? code.toLowerCase().replace(/_/g, " ");
}

function htmlPage(status: number, title: string, text: string): string {
    return (
        `<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n` +
        `  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n` +
        `  <title>Error ${status} (${title})!!1</title>\n` +
        `  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n` +
        `  <p><b>${status}.</b> <ins>That’s an error.</ins>\n  <p>${text}\n`
    );
}

function escapeHtml(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The front end's HTML 404 for a URL that matches no method (Google answers these in HTML, not JSON). */
export function htmlNotFound(path: string): HttpAnswer {
    return {
        status: 404,
        headers: { "content-type": "text/html; charset=UTF-8" },
        body: htmlPage(404, "Not Found", `The requested URL <code>${escapeHtml(path)}</code> was not found on this server.  <ins>That’s all we know.</ins>`),
    };
}

/** The front end's HTML 400 for a request it cannot parse (e.g. a bad percent escape). */
export function htmlBadRequest(): HttpAnswer {
    return {
        status: 400,
        headers: { "content-type": "text/html; charset=UTF-8" },
        body: htmlPage(400, "Bad Request", "Your client has issued a malformed or illegal request.  <ins>That’s all we know.</ins>"),
    };
}

/** A proxy's HTML 5xx page. */
export function htmlServerError(status: number): HttpAnswer {
    const title = status === 502 ? "Server Error" : status === 503 ? "Service Unavailable" : "Server Error";
    return {
        status,
        headers: { "content-type": "text/html; charset=UTF-8" },
        body: htmlPage(status, title, "The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>"),
    };
}
