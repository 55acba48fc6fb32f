import { InvalidNameError } from "./errors";
import { findService } from "./services";

/** A validated `projects/{project}/locations/{location}` parent. */
export interface ParentRef {
    project: string;
    location: string;
    /** `projects/{project}/locations/{location}` */
    name: string;
    /** The service named by a pasted full resource name or API URL (`clouddeploy`), if any. */
    service?: string;
    /** The exact host of a pasted API URL (`us-west1-gkemulticloud.googleapis.com`), if any. */
    host?: string;
    /** The API version of a pasted API URL (`v1`), if any. */
    apiVersion?: string;
}

/** A validated `projects/{project}/locations/{location}/operations/{operation}` name. */
export interface OperationRef extends ParentRef {
    operation: string;
    /** `projects/{project}/locations/{location}` */
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

const OPERATION_FORM =
    "projects/{project}/locations/{location}/operations/{operation}, " +
    "//{service}.googleapis.com/projects/.../operations/{operation} or " +
    "https://{service}.googleapis.com/v1/projects/.../operations/{operation}";
const PARENT_FORM = "projects/{project}/locations/{location} (or the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/)";

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

/** Splits a located path such as `projects/p/locations/l[/operations/o]`. */
function splitPath(field: string, raw: string, path: string, withOperation: boolean, form: string, trimmed = false): string[] {
    // One trailing slash is tolerated (a pasted URL); an empty segment anywhere else is not.
    const parts = (trimmed ? path : path.replace(/\/$/, "")).split("/");
    const expected = withOperation ? 6 : 4;
    const shapeOk =
        parts.length === expected &&
        parts[0] === "projects" &&
        parts[2] === "locations" &&
        (!withOperation || parts[4] === "operations");
    if (!shapeOk) {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} is not an operation${withOperation ? "" : "s parent"} name; expected ${form}`);
    }
    return parts;
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
    const parts = splitPath(field, raw, located.path, true, OPERATION_FORM);
    const [, project, , location, , operation] = parts;
    checkSegment(field, raw, "project", project, PROJECT, OPERATION_FORM);
    checkSegment(field, raw, "location", location, LOCATION, OPERATION_FORM);
    if (location === "-") {
        throw new InvalidNameError(field, `${field} ${quoteInput(raw)} uses the wildcard location '-', which only lists operations; name the operation's own location`);
    }
    checkSegment(field, raw, "operation id", operation, OPERATION_ID, OPERATION_FORM);
    const parent = `projects/${project}/locations/${location}`;
    return withSource({ project, location, operation, parent, name: `${parent}/operations/${operation}` }, located, location);
}

/** Parses and validates a `projects/{p}/locations/{l}` parent in any accepted form (see {@link parseOperationName}). */
export function parseParentName(input: unknown, field = "parent"): ParentRef {
    if (typeof input !== "string") throw new InvalidNameError(field, `${field} must be a string; expected ${PARENT_FORM}`);
    const raw = input;
    rejectHostileCharacters(field, raw, PARENT_FORM);
    refuseDotDot(field, raw, PARENT_FORM);
    const located = locate(field, raw, PARENT_FORM);
    const path = located.path.replace(/\/$/, "").replace(/\/operations$/, "");
    const [, project, , location] = splitPath(field, raw, path, false, PARENT_FORM, true);
    checkSegment(field, raw, "project", project, PROJECT, PARENT_FORM);
    checkSegment(field, raw, "location", location, LOCATION, PARENT_FORM);
    return withSource({ project, location, name: `projects/${project}/locations/${location}` }, located, location);
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
    return ref;
}

/** `us-east4-gkemulticloud` → `gkemulticloud` when the suffix is a registered regional service; else unchanged. */
function regionalServiceKey(label: string): string {
    const suffix = /^[a-z0-9-]+-([a-z0-9]+)$/.exec(label)?.[1];
    return suffix && findService(suffix)?.scope === "regional" ? suffix : label;
}

/** The path of an operation (or parent) under an API version, every segment percent-encoded. */
export function encodeResourcePath(ref: { project: string; location: string; operation?: string }): string {
    const base = `projects/${encodeURIComponent(ref.project)}/locations/${encodeURIComponent(ref.location)}`;
    return ref.operation === undefined ? base : `${base}/operations/${encodeURIComponent(ref.operation)}`;
}

/** Every known pattern, for the segment checks of a reference built by hand (not parsed). */
export const SEGMENT_PATTERNS = { project: PROJECT, location: LOCATION, operation: OPERATION_ID } as const;

/** True when the input looks like a bare operation id rather than a name (no slash, no scheme). */
export function isBareOperationId(input: string): boolean {
    return input.length > 0 && !input.includes("/") && !input.includes(":");
}
