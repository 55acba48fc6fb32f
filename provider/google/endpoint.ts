import { isIP } from "node:net";
import { InvalidNameError, InvalidOptionError } from "./errors";
import { SEGMENT_PATTERNS, encodeResourcePath, fitsTemplate, idPatternFor, segmentsOfRef, templateOfSegments, type NameSegment, type ParentRef } from "./names";
import { DEFAULT_UNIVERSE_DOMAIN, requireService, serviceHost, servicesForTemplate, type CancelBody, type OperationShape, type ServiceInfo } from "./services";

/** Where requests for one operation or parent go. */
export interface ResolvedEndpoint {
    /** `https://clouddeploy.googleapis.com` or the override's origin and path prefix, no trailing slash. */
    baseUrl: string;
    /** `v1` */
    apiVersion: string;
    /** The registered service, when one applies. */
    service?: ServiceInfo;
    /** The service key for messages and IAM hints (`clouddeploy`), when known. */
    serviceKey?: string;
    cancelBody: CancelBody;
    /** What follows the operation name in the cancel path: `:cancel`, or `/cancel` for Cloud SQL Admin. */
    cancelSuffix: ":cancel" | "/cancel";
    /** The JSON shape of the service's operations. */
    shape: OperationShape;
}

/** What decides the endpoint, besides the name itself. */
export interface EndpointOptions {
    /** Registry key such as `clouddeploy`. Needed unless the name or `endpoint` decides. */
    service?: string;
    /** An explicit base URL: https, or http on a loopback address only. */
    endpoint?: string;
    /** Overrides the service's API version. */
    apiVersion?: string;
    /** Default `googleapis.com`. */
    universeDomain?: string;
}

const UNIVERSE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const VERSION = /^v\d+(?:(?:alpha|beta)\d*)?$/;

/** True for 127.0.0.0/8, ::1 and `localhost`: the only hosts that may be reached over plain http. */
export function isLoopbackHost(hostname: string): boolean {
    const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (host === "localhost" || host.endsWith(".localhost")) return true;
    if (isIP(host) === 4) return host.startsWith("127.");
    if (isIP(host) === 6) return host === "::1" || host === "0:0:0:0:0:0:0:1";
    return false;
}

/**
 * Validates an endpoint override: an absolute https URL (or http on loopback), no credentials, query or fragment.
 * Returns it without a trailing slash.
 */
export function validateEndpoint(endpoint: string, field = "endpoint"): string {
    let url: URL;
    try {
        url = new URL(endpoint);
    } catch {
        throw new InvalidOptionError(field, `${field} ${JSON.stringify(endpoint)} is not an absolute URL; expected e.g. https://clouddeploy.googleapis.com or http://127.0.0.1:8085 for a local emulator`);
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
        throw new InvalidOptionError(field, `${field} ${JSON.stringify(url.origin)} must use https (plain http is allowed only for loopback addresses such as 127.0.0.1)`);
    }
    if (url.username || url.password) throw new InvalidOptionError(field, `${field} must not contain credentials; pass them as accessToken or through Application Default Credentials`);
    if (url.search || url.hash) throw new InvalidOptionError(field, `${field} must not contain a query or fragment`);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

function validateUniverse(universeDomain: string | undefined): string {
    const universe = universeDomain ?? DEFAULT_UNIVERSE_DOMAIN;
    if (!UNIVERSE.test(universe)) throw new InvalidOptionError("universeDomain", `universeDomain ${JSON.stringify(universe)} is not a domain such as googleapis.com`);
    return universe;
}

/**
 * Decides the base URL, API version and cancel body for a name. An explicit `endpoint` wins; then the
 * service (from options or from the pasted name) and the universe domain; a regional service's host uses
 * the name's location. A pasted API URL's host is honoured only when it is that service's Google host.
 *
 * Memoized: for the same options object, and the same service, location, host and API version of the
 * name (and the same option values), the same frozen {@link ResolvedEndpoint} is returned without
 * validating again. A name that fails validation is validated again every time (errors are not kept).
 */
export function resolveEndpoint(ref: ParentRef, options: EndpointOptions, field = "operation"): ResolvedEndpoint {
    // Everything the answer depends on (`ref.name`'s ids and `field` only ever appear in errors, which are not kept).
    // The name's form matters too: it decides the service when none is given, and is checked against the service's forms.
    const form = `${isOperationRef(ref) ? "operation" : "parent"}:${templateOfSegments(segmentsOfRef(ref))}`;
    const key = [options.service, options.endpoint, options.apiVersion, options.universeDomain, ref.service, ref.location, ref.host, ref.apiVersion, form].join("\u0000");
    let known = resolvedByOptions.get(options);
    const hit = known?.get(key);
    if (hit) return hit;
    const resolved = Object.freeze(resolveUncached(ref, options, field));
    if (!known) resolvedByOptions.set(options, (known = new Map()));
    if (known.size >= RESOLVED_PER_OPTIONS) known.clear();
    known.set(key, resolved);
    return resolved;
}

/**
 * Endpoints already resolved, per options object (a client's own options: one entry per client, dropped
 * with it) and per what decides them. Each request of a client resolves its operation's endpoint; the
 * validation (URL parse, patterns, registry) runs once per distinct answer instead of once per request.
 */
const resolvedByOptions = new WeakMap<EndpointOptions, Map<string, ResolvedEndpoint>>();
/** Distinct endpoints kept per options object (e.g. one per region of a regional service); cleared when full. */
export const RESOLVED_PER_OPTIONS = 64;

function resolveUncached(ref: ParentRef, options: EndpointOptions, field: string): ResolvedEndpoint {
    const universe = validateUniverse(options.universeDomain);
    if (options.service && ref.service && options.service !== ref.service) {
        const registered = requireService(options.service);
        if (registered.key !== ref.service) {
            throw new InvalidOptionError("service", `service ${JSON.stringify(options.service)} disagrees with ${field}, which names ${JSON.stringify(ref.service)}; drop service or fix the name`);
        }
    }
    const serviceKey = options.service ?? ref.service ?? (options.endpoint ? undefined : inferredService(ref, field));
    if (options.apiVersion !== undefined && !VERSION.test(options.apiVersion)) {
        throw new InvalidOptionError("apiVersion", `apiVersion ${JSON.stringify(options.apiVersion)} must look like v1, v2 or v1beta1`);
    }
    if (options.endpoint) {
        const baseUrl = validateEndpoint(options.endpoint);
        const service = serviceKey ? findRegistered(serviceKey) : undefined;
        if (service) checkTemplate(service, ref, field);
        return {
            baseUrl,
            apiVersion: options.apiVersion ?? ref.apiVersion ?? service?.apiVersion ?? "v1",
            ...(service ? { service } : {}),
            ...(serviceKey ? { serviceKey } : {}),
            cancelBody: service?.cancelBody ?? "empty-json",
            cancelSuffix: service?.cancelSuffix ?? ":cancel",
            shape: service?.shape ?? "longrunning",
        };
    }
    if (!serviceKey) {
        throw new InvalidOptionError("service", `service is required for ${ref.name}: set service (e.g. "clouddeploy" or "gkemulticloud"), paste the operation as //clouddeploy.googleapis.com/projects/..., or set endpoint`);
    }
    const service = requireService(serviceKey);
    checkTemplate(service, ref, field);
    if (service.pinnedLocation && ref.location !== service.pinnedLocation && ref.location !== "-") {
        throw new InvalidNameError(field, `${service.title} operations live in locations/${service.pinnedLocation}; ${ref.name} names locations/${ref.location}`);
    }
    const host = serviceHost(service, ref.location, universe);
    if (ref.host && ref.host !== host) {
        throw new InvalidNameError(field, `${field} names the host ${ref.host}, but ${service.title} operations in ${ref.location} are served by ${host}; fix the name, or set endpoint explicitly`);
    }
    return {
        baseUrl: `https://${host}`,
        apiVersion: options.apiVersion ?? ref.apiVersion ?? service.apiVersion,
        service,
        serviceKey: service.key,
        cancelBody: service.cancelBody,
        cancelSuffix: service.cancelSuffix,
        shape: service.shape,
    };
}

/** Whether a reference names an operation rather than a parent of operations. */
function isOperationRef(ref: ParentRef): boolean {
    return (ref as { operation?: unknown }).operation !== undefined;
}

/** The segments of an operation (or of the operation form of a parent: `…/operations/*`). */
function operationSegments(ref: ParentRef): readonly NameSegment[] {
    const segments = segmentsOfRef(ref);
    return isOperationRef(ref) ? segments : [...segments, ["operations", "*"] as const];
}

/** A name the service has no operations under is refused before any request, naming the forms it has. */
function checkTemplate(service: ServiceInfo, ref: ParentRef, field: string): void {
    const segments = operationSegments(ref);
    if (service.templates.some((t) => fitsTemplate(segments, t))) return;
    // Cloud SQL lists its operations per instance: the parent of a sweep or list is the instance.
    if (!isOperationRef(ref) && service.shape === "sqladmin" && templateOfSegments(segmentsOfRef(ref)) === "projects/*/instances/*") return;
    const forms = service.templates.length > 4 ? `${service.templates.slice(0, 4).join(", ")} and ${service.templates.length - 4} more (docs/services.md)` : service.templates.join(", ");
    throw new InvalidNameError(
        field,
        `${field} ${ref.name} has the form ${templateOfSegments(segments)}, which ${service.title} (${service.key}) has no operations under; its forms: ${forms}. Fix the name or service`,
    );
}

/** The one registered service whose forms fit a name that does not say its service; else a clear error. */
function inferredService(ref: ParentRef, field: string): string | undefined {
    const segments = operationSegments(ref);
    const fitting = servicesForTemplate((t) => fitsTemplate(segments, t));
    if (fitting.length === 1) return fitting[0].key;
    if (fitting.length === 0) {
        throw new InvalidNameError(
            field,
            `${field} ${ref.name} has the form ${templateOfSegments(segments)}, which no registered service has operations under (docs/services.md); check the name, or set endpoint`,
        );
    }
    return undefined;
}

function findRegistered(key: string): ServiceInfo | undefined {
    try {
        return requireService(key);
    } catch {
        return undefined;
    }
}

/** What {@link resourceUrl} builds a path from: a parsed reference, or (built by hand) its project, location and operation. */
export type UrlRef = { name: string; segments?: readonly NameSegment[] } | { name?: undefined; project: string; location: string; operation?: string };

function urlSegments(ref: UrlRef): readonly NameSegment[] {
    if (ref.name !== undefined) return segmentsOfRef(ref);
    const base: NameSegment[] = [
        ["projects", ref.project],
        ["locations", ref.location],
    ];
    return ref.operation === undefined ? base : [...base, ["operations", ref.operation]];
}

/** A path of `/`-separated segments of unreserved characters (RFC 3986), none of them `.` or `..`. */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+)+$/;

/**
 * The request URL for a resource path (`projects/...`) under a resolved endpoint.
 *
 * The last of the guards against a path that is not exactly the resource's (after the name checks):
 * every segment must be a valid one, none a dot segment, and the URL as a client parses it must keep
 * the path exactly as built (no segment removed or rewritten). A reference built by hand, not parsed,
 * is held to the same rules.
 */
export function resourceUrl(endpoint: ResolvedEndpoint, ref: UrlRef, suffix = "", field = "operation", withOperation = suffix !== "/operations"): string {
    const segments = urlSegments(ref);
    segments.forEach(([collection, id], i) => {
        const pattern = idPatternFor(collection, i, segments.length, withOperation);
        const what = i === 0 ? "project" : withOperation && i === segments.length - 1 ? "operation id" : `${collection} id`;
        if (typeof collection !== "string" || !SEGMENT_PATTERNS.collection.test(collection)) {
            throw new InvalidNameError(field, `${field} has an invalid collection ${JSON.stringify(String(collection).slice(0, 120))}; no request was sent`);
        }
        if (typeof id !== "string" || !pattern.test(id) || id === "." || id.includes("..")) {
            throw new InvalidNameError(field, `${field} has an invalid ${what} ${JSON.stringify(String(id).slice(0, 120))}; no request was sent`);
        }
    });
    if (segments.length === 0 || segments[0][0] !== "projects") throw new InvalidNameError(field, `${field} does not start with projects/; no request was sent`);
    const path = `/${endpoint.apiVersion}/${encodeResourcePath({ name: "", segments })}${suffix}`;
    const url = `${endpoint.baseUrl}${path}`;
    // Segments of unreserved characters only, none a dot segment: a URL parser keeps such a path exactly
    // as it is (after the validated base URL), so the parse below could only agree. It is skipped.
    if (PLAIN_PATH.test(path)) return url;
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new InvalidNameError(field, `${field} does not make a valid request URL; no request was sent`);
    }
    if (!parsed.pathname.endsWith(path) || parsed.search || parsed.hash) {
        throw new InvalidNameError(field, `${field} would not reach exactly its own path (the URL would become ${JSON.stringify(parsed.pathname.slice(0, 200))}); no request was sent`);
    }
    return url;
}
