import { InvalidNameError } from "./errors";
import { findService } from "./services";

/** One `collection/id` pair of a resource name: `["instances", "my-instance"]`. */
export type NameSegment = readonly [collection: string, id: string];

/**
 * A validated parent of operations: `projects/{project}/locations/{location}`, or any other collection path
 * under a project that a service's operations live in (`projects/{p}/instances/{i}/databases/{d}`,
 * `projects/{p}/zones/{z}`, `projects/{p}`).
 */
export interface ParentRef {
    project: string;
    /** The `locations`, `zones` or `regions` segment, or `global` when the name has none. */
    location: string;
    /** `projects/{project}/locations/{location}` (the whole parent path). */
    name: string;
    /** Every `collection/id` pair of `name`, `projects` first. Absent on references built by hand (read from `name` then). */
    segments?: readonly NameSegment[];
    /** The service named by a pasted full resource name or API URL (`clouddeploy`), if any. */
    service?: string;
    /** The exact host of a pasted API URL (`us-west1-gkemulticloud.googleapis.com`), if any. */
    host?: string;
    /** The API version of a pasted API URL (`v1`), if any. */
    apiVersion?: string;
}

/** A validated operation name: `projects/{project}/locations/{location}/operations/{operation}` or another service's form. */
export interface OperationRef extends ParentRef {
    operation: string;
    /** The name without `/operations/{operation}`: `projects/{project}/locations/{location}`. */
    parent: string;
}

const MAX_INPUT = 2048;
/** A project id, a domain-scoped project id (`example.com:my-proj`, no empty domain label) or a project number. */
const PROJECT = /^(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,}:[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20})$/;
const LOCATION = /^(?:[a-z][a-z0-9-]{0,61}[a-z0-9]|-)$/;
/**
 * An operation id: what Google's services use (`operation-1732000000000-5f3c-...`, numbers, UUIDs,
 * `acf.7c2b...` style ids): letters, digits, `_`, `-`, `~` and single dots, 1 to 500 characters, never
 * starting with a dot or a hyphen and never containing `..` (no service issues such ids, and a path
 * segment made of dots is one a URL parser would remove).
 */
const OPERATION_ID = /^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9._~-]{0,499}$/;
const SERVICE_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** A registry key as it appears as the first label of a Google API host: `clouddeploy`. */
const SERVICE_LABEL = /^[a-z][a-z0-9]*$/;
const API_VERSION = /^v\d+(?:(?:alpha|beta)\d*)?$/;

/** A collection name in a resource path: `locations`, `instanceConfigs`. */
const COLLECTION = /^[a-z][A-Za-z0-9]{0,62}$/;
/** The id of a resource other than a project, location or operation: `my-instance`, or Firestore's `(default)` database. */
const RESOURCE_ID = /^(?:(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9._~-]{0,299}|\(default\))$/;
/** Collections whose id is a location, and so decides a regional host. */
const LOCATION_COLLECTIONS = new Set(["locations", "zones", "regions"]);
/** More `collection/id` pairs than any Google resource name has. */
const MAX_SEGMENTS = 10;

const OPERATION_FORM =
    "projects/{project}/locations/{location}/operations/{operation} (or the service's own form, such as " +
    "projects/{project}/instances/{instance}/databases/{database}/operations/{operation}), the same after " +
    "//{service}.googleapis.com/ or https://{service}.googleapis.com/v1/";
const PARENT_FORM =
    "projects/{project}/locations/{location} (or the service's own form, such as projects/{project}/instances/{instance}), " +
    "the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/";

/** Shows untrusted input in an error message safely: control characters escaped, length bounded. */
export function quoteInput(value: unknown): string {
    const text = typeof value === "string" ? value : String(value);
    const shown = text.length > 120 ? `${text.slice(0, 120)}…(${text.length} characters)` : text;
    return JSON.stringify(shown);
}

interface Located {
    path: string;
    service?: string;
    host?: string;
    apiVersion?: string;
}

/**
 * Strips a `//service.domain/` or `https://host/vN/` prefix, remembering the service, host and version.
 * Only Google API hosts (any universe domain) are accepted in a pasted name: a token is never sent to a
 * host that came from an operation name, so an arbitrary host is refused rather than silently ignored.
 */
function locate(field: string, raw: string, form: string): Located {
    if (raw.startsWith("//")) {
        // A full resource name (AIP-122): `//{service name}/{path}`. The service name is not a host: a
        // regional service's requests still go to the host of the name's location. A region-prefixed
        // label (`//us-west1-gkemulticloud.googleapis.com/...`) is kept as a host, checked against it.
        const slash = raw.indexOf("/", 2);
        const host = slash < 0 ? raw.slice(2) : raw.slice(2, slash);
        checkHost(field, raw, host, form);
        const label = serviceOfHost(host);
        return { path: slash < 0 ? "" : raw.slice(slash + 1), service: label, ...(SERVICE_LABEL.test(label) ? {} : { host }) };
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
        const match = /^https:\/\/([^/]*)\/([^/]*)\/(.*)$/.exec(raw);
        if (!match) {
            if (!/^https:\/\//.test(raw)) {
                throw new InvalidNameError(field, `${field} ${quoteInput(raw)} must be an https:// Google API URL; for a local endpoint pass the name alone and set endpoint. Expected ${form}`);
            }
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} has no API version after the host; expected ${form}`);
        }
        const [, authority, version, path] = match;
        if (/[@:[\]]/.test(authority)) {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} must not carry credentials or a port; expected ${form}`);
        }
        checkHost(field, raw, authority, form);
        if (!API_VERSION.test(version)) {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} has no API version after the host; expected ${form}`);
        }
        return { path, service: serviceOfHost(authority), host: authority, apiVersion: version };
    }
    return { path: raw };
}

function checkHost(field: string, raw: string, host: string, form: string): void {
    if (!SERVICE_HOST.test(host) || !host.includes(".")) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} names the host ${quoteInput(host)}, which is not a Google API host; expected ${form}`);
    }
}

/** `clouddeploy.googleapis.com` → `clouddeploy`; `us-west1-gkemulticloud.googleapis.com` → `us-west1-gkemulticloud` (resolved later against the location). */
function serviceOfHost(host: string): string {
    return host.split(".")[0];
}

/**
 * The first of three independent guards against dot segments: `..` anywhere in the input is refused,
 * inside a segment (`op..x`) as well as as a segment of its own. (The others: {@link checkSegment} and
 * the final check of the request path in `resourceUrl`.)
 */
export function refuseDotDot(field: string, raw: string, form: string): void {
    if (raw.includes("..")) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} contains '..', which never appears in a Google resource name; expected ${form}`);
    }
}

function rejectHostileCharacters(field: string, raw: string, form: string): void {
    if (raw.length === 0) throw new InvalidNameError(field, `${field} is empty; expected ${form}`);
    if (raw.length > MAX_INPUT) throw new InvalidNameError(field, `${field} is ${raw.length} characters long, more than ${MAX_INPUT}; expected ${form}`);
    // eslint-disable-next-line no-control-regex
    if (/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(raw)) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} contains whitespace or control characters; expected ${form}`);
    }
    if (/[?#%\\]/.test(raw)) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} contains '?', '#', '%' or '\\', which never appear in a Google resource name; expected ${form}`);
    }
}

/** Google's rule for project ids, said in full in every message about an invalid project. */
export const PROJECT_ID_RULE =
    "a project id is 6 to 30 characters: a lowercase letter first, then lowercase letters, digits and hyphens, " +
    "not ending with a hyphen (e.g. my-project); a domain-scoped id (example.com:my-project) and a project number (123456789012) are accepted too";

const PROJECT_ID_CHARACTERS = /^[a-z0-9-]*$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,}$/;

/** Why a project id (the part after a domain's `:`, or the whole) breaks Google's rule; undefined when it does not. */
function projectIdProblem(id: string): string | undefined {
    const length = [...id].length;
    if (length < 6 || length > 30) return `it is ${length} character${length === 1 ? "" : "s"} long`;
    if (/[A-Z]/.test(id)) return "it has uppercase letters";
    if (!PROJECT_ID_CHARACTERS.test(id)) {
        const bad = [...id].find((c) => !/[a-z0-9-]/.test(c)) ?? "";
        return `it contains ${JSON.stringify(bad)}`;
    }
    if (!/^[a-z]/.test(id)) return "it does not start with a lowercase letter";
    if (id.endsWith("-")) return "it ends with a hyphen";
    return undefined;
}

/** Why a project segment is invalid, in words: the broken part of the rule. */
export function projectProblem(value: string): string {
    if (value.includes(":")) {
        const colon = value.lastIndexOf(":");
        const domain = value.slice(0, colon);
        const id = value.slice(colon + 1);
        if (!DOMAIN.test(domain) || value.indexOf(":") !== colon) return `the domain ${quoteInput(domain)} of this domain-scoped id is not a domain name such as example.com`;
        const problem = projectIdProblem(id);
        return problem ? `the project id ${quoteInput(id)} after the domain breaks the rule: ${problem}` : "it does not follow the rule";
    }
    if (/^[0-9]+$/.test(value)) return `it is a project number of ${value.length} digits, more than 20`;
    return projectIdProblem(value) ?? "it does not follow the rule";
}

/**
 * Checks one segment against its pattern; on its own, also refuses a segment that is or contains a dot
 * segment (`.`, `..`), whatever the pattern allows. A project is refused with the reason and Google's
 * rule rather than the name's form, which the input already has.
 */
export function checkSegment(field: string, raw: string, what: string, value: string, pattern: RegExp, form: string): void {
    if (!pattern.test(value) || value === "." || value.includes("..")) {
        if (what === "project") {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} has an invalid project ${quoteInput(value)}: ${projectProblem(value)}; ${PROJECT_ID_RULE}`);
        }
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} has an invalid ${what} ${quoteInput(value)}; expected ${form}`);
    }
}

/**
 * Splits a located path into `collection/id` pairs: `projects/{p}` first, `operations/{o}` last for an
 * operation (and never for a parent), each id checked against its collection's pattern.
 */
function segmentsOf(field: string, raw: string, path: string, withOperation: boolean, form: string): NameSegment[] {
    const parts = path.split("/");
    const pairs = parts.length / 2;
    const last = parts[parts.length - 2];
    const shapeOk =
        parts.length % 2 === 0 &&
        pairs >= (withOperation ? 2 : 1) &&
        pairs <= MAX_SEGMENTS &&
        parts[0] === "projects" &&
        (withOperation ? last === "operations" : last !== "operations");
    if (!shapeOk) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} is not an operation${withOperation ? "" : "s parent"} name; expected ${form}`);
    }
    const segments: NameSegment[] = [];
    for (let i = 0; i < parts.length; i += 2) {
        const [collection, id] = [parts[i], parts[i + 1]];
        if (!COLLECTION.test(collection)) {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} has an invalid collection ${quoteInput(collection)}; expected ${form}`);
        }
        const isOperation = withOperation && i === parts.length - 2;
        if (collection === "operations" && !isOperation) {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} names operations/ before its end; expected ${form}`);
        }
        if (i === 0) checkSegment(field, raw, "project", id, PROJECT, form);
        else if (isOperation) checkSegment(field, raw, "operation id", id, OPERATION_ID, form);
        else if (LOCATION_COLLECTIONS.has(collection)) checkSegment(field, raw, "location", id, LOCATION, form);
        else checkSegment(field, raw, `${collection} id`, id, RESOURCE_ID, form);
        if (id === "-" && (isOperation || !LOCATION_COLLECTIONS.has(collection))) {
            throw new InvalidNameError(field, `${field} ${quoteInput(raw)} uses the wildcard '-' for ${collection}, which only a location may be; expected ${form}`);
        }
        segments.push([collection, id]);
    }
    return segments;
}

/** The location a name's segments place it in: its `locations`/`zones`/`regions` id, or `global`. */
function locationOf(segments: readonly NameSegment[]): string {
    return segments.find(([collection]) => LOCATION_COLLECTIONS.has(collection))?.[1] ?? "global";
}

/** `projects/p/instances/i/operations/o` → `projects/*\/instances/*\/operations/*` (the form a service's registry entry lists). */
export function templateOfSegments(segments: readonly NameSegment[]): string {
    return segments.map(([collection]) => `${collection}/*`).join("/");
}

/** Whether a name's segments fit a registry template, whose ids are `*` or a literal (`locations/global`). */
export function fitsTemplate(segments: readonly NameSegment[], template: string): boolean {
    const parts = template.split("/");
    if (parts.length !== segments.length * 2) return false;
    return segments.every(([collection, id], i) => parts[2 * i] === collection && (parts[2 * i + 1] === "*" || parts[2 * i + 1] === id || id === "-"));
}

/** The segments of a reference: its own, or read from its name when it was built by hand. */
export function segmentsOfRef(ref: Pick<ParentRef, "name" | "segments">): readonly NameSegment[] {
    if (ref.segments) return ref.segments;
    const parts = ref.name.split("/");
    const segments: NameSegment[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) segments.push([parts[i], parts[i + 1]]);
    return segments;
}

/**
 * Parses and validates an operation name in any accepted form:
 * `projects/{p}/locations/{l}/operations/{o}`, the full resource name `//{service}.googleapis.com/projects/...`,
 * or an API URL `https://{host}/{version}/projects/...`. Throws {@link InvalidNameError} naming `field` otherwise.
 */
export function parseOperationName(input: unknown, field = "operation"): OperationRef {
    if (typeof input !== "string") throw new InvalidNameError(field, `${field} must be a string; expected ${OPERATION_FORM}`);
    const raw = input;
    rejectHostileCharacters(field, raw, OPERATION_FORM);
    refuseDotDot(field, raw, OPERATION_FORM);
    const located = locate(field, raw, OPERATION_FORM);
    const segments = segmentsOf(field, raw, located.path.replace(/\/$/, ""), true, OPERATION_FORM);
    const location = locationOf(segments);
    if (location === "-") {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} uses the wildcard location '-', which only lists operations; name the operation's own location`);
    }
    const name = segments.map(([c, id]) => `${c}/${id}`).join("/");
    const parent = segments.slice(0, -1).map(([c, id]) => `${c}/${id}`).join("/");
    const operation = segments[segments.length - 1][1];
    return withSource({ project: segments[0][1], location, operation, parent, name, segments }, located, location);
}

/** Parses and validates a parent of operations in any accepted form (see {@link parseOperationName}); a trailing `/operations` is dropped. */
export function parseParentName(input: unknown, field = "parent"): ParentRef {
    if (typeof input !== "string") throw new InvalidNameError(field, `${field} must be a string; expected ${PARENT_FORM}`);
    const raw = input;
    rejectHostileCharacters(field, raw, PARENT_FORM);
    refuseDotDot(field, raw, PARENT_FORM);
    const located = locate(field, raw, PARENT_FORM);
    const path = located.path.replace(/\/$/, "").replace(/\/operations$/, "");
    const segments = segmentsOf(field, raw, path, false, PARENT_FORM);
    const location = locationOf(segments);
    return withSource({ project: segments[0][1], location, name: segments.map(([c, id]) => `${c}/${id}`).join("/"), segments }, located, location);
}

/** Completes a bare operation id with a project and location, then validates the whole name. */
export function operationNameFromParts(project: string, location: string, operation: string, field = "operation"): OperationRef {
    return parseOperationName(`projects/${project}/locations/${location}/operations/${operation}`, field);
}

function withSource<T extends ParentRef>(ref: T, located: Located, location: string): T {
    if (located.host) ref.host = located.host;
    if (located.apiVersion) ref.apiVersion = located.apiVersion;
    if (located.service) {
        const regionalPrefix = `${location}-`;
        ref.service = located.service.startsWith(regionalPrefix) ? located.service.slice(regionalPrefix.length) : regionalServiceKey(located.service);
    }
    Object.freeze(ref.segments);
    PARSED.add(Object.freeze(ref));
    return ref;
}

/**
 * A parsed operation with the endpoint hints of the parsed parent it was listed under (the parent's
 * service and API version, and its host when the operation is in the same location): a sweep sends
 * each listed operation's requests where the parent's went. Both parsed, the result is parsed too
 * (frozen and trusted without a second validation); otherwise it is a plain copy, validated where used.
 */
export function withParentEndpoint(child: OperationRef, parent: ParentRef): OperationRef {
    const ref: OperationRef = {
        ...child,
        ...(parent.service !== undefined ? { service: parent.service } : {}),
        ...(parent.host !== undefined && child.location === parent.location ? { host: parent.host } : {}),
        ...(parent.apiVersion !== undefined ? { apiVersion: parent.apiVersion } : {}),
    };
    if (isParsedRef(child) && isParsedRef(parent)) PARSED.add(Object.freeze(ref));
    return ref;
}

/** References made by this module's parsers: frozen, so still exactly as validated. */
const PARSED = new WeakSet<object>();

/** True for a reference made (and frozen) by {@link parseOperationName} or {@link parseParentName}: it needs no second validation. */
export function isParsedRef(value: unknown): boolean {
    return typeof value === "object" && value !== null && PARSED.has(value);
}

/** `us-east4-gkemulticloud` → `gkemulticloud` when the suffix is a registered regional service; else unchanged. */
function regionalServiceKey(label: string): string {
    const suffix = /^[a-z0-9-]+-([a-z0-9]+)$/.exec(label)?.[1];
    return suffix && findService(suffix)?.scope === "regional" ? suffix : label;
}

/** The path of an operation (or parent) under an API version, every segment percent-encoded. */
export function encodeResourcePath(ref: Pick<ParentRef, "name" | "segments">): string {
    return segmentsOfRef(ref).map(([collection, id]) => `${encodeURIComponent(collection)}/${encodeURIComponent(id)}`).join("/");
}

/** Every known pattern, for the segment checks of a reference built by hand (not parsed). */
export const SEGMENT_PATTERNS = { project: PROJECT, location: LOCATION, operation: OPERATION_ID, collection: COLLECTION, resource: RESOURCE_ID } as const;

/** The pattern an id of `collection` must match at `index` of a name with `count` segments (`operation` says whether the last is an operation). */
export function idPatternFor(collection: string, index: number, count: number, operation: boolean): RegExp {
    if (index === 0) return PROJECT;
    if (operation && index === count - 1) return OPERATION_ID;
    return LOCATION_COLLECTIONS.has(collection) ? LOCATION : RESOURCE_ID;
}

/** True when the input looks like a bare operation id rather than a name (no slash, no scheme). */
export function isBareOperationId(input: string): boolean {
    return input.length > 0 && !input.includes("/") && !input.includes(":");
}
