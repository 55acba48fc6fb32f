/**
 * Operation name templates: which REST paths name an operation (or a collection of them), and which
 * services use each form. Adding a service whose operations live under another path is one row of
 * {@link NAME_TEMPLATES}; docs/emulator.md lists the discovery documents each row comes from.
 */

/** How a service spells CancelOperation on the wire. */
export type CancelStyle =
    /** `POST /{v}/{name}:cancel` (google.longrunning, GKE). */
    | "verb"
    /** `POST /{v}/{name}/cancel` (Cloud SQL Admin). */
    | "segment";

/** One operation name form. */
export interface NameTemplate {
    /** Segments of the operation name; `*` is one variable segment, the last is the operation id. */
    readonly pattern: string;
    /** The services using this form; undefined: any service but those of {@link OWN_FORMS_ONLY}. */
    readonly services?: readonly string[];
    /** How cancel is spelled; default `verb`. */
    readonly cancel?: CancelStyle;
}

/**
 * Every name form the emulator routes (sources: the discovery documents' `operations` methods,
 * `flatPath` and path `pattern`; see docs/emulator.md).
 */
export const NAME_TEMPLATES: readonly NameTemplate[] = [
    { pattern: "projects/*/locations/*/operations/*" },
    { pattern: "projects/*/zones/*/operations/*", services: ["container"] },
    { pattern: "projects/*/operations/*", services: ["sqladmin"], cancel: "segment" },
    { pattern: "projects/*/operations/*", services: ["datastore"] },
    { pattern: "projects/*/instances/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/instances/*/databases/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/instances/*/backups/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/instances/*/instancePartitions/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/instanceConfigs/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/instanceConfigs/*/ssdCaches/*/operations/*", services: ["spanner"] },
    { pattern: "projects/*/databases/*/operations/*", services: ["firestore"] },
    { pattern: "projects/*/locations/*/datasets/*/operations/*", services: ["healthcare"] },
];

/** An operation name split by its template. */
export interface ParsedName {
    template: NameTemplate;
    /** The project (first variable segment). */
    project: string;
    /** The operation id (last segment). */
    id: string;
    /** The parent collection, e.g. `projects/p/instances/i` (the name without `/operations/{id}`). */
    parent: string;
    /** The literal segments with their values, e.g. `{projects: "p", locations: "l"}`. */
    vars: Record<string, string>;
}

function segmentsOf(pattern: string): string[] {
    return pattern.split("/");
}

/** True when `segments` (decoded) fit `pattern` segment by segment (a variable is any non-empty value). */
export function fits(pattern: readonly string[], segments: readonly string[]): boolean {
    return pattern.length === segments.length && pattern.every((p, i) => (p === "*" ? segments[i] !== "" : p === segments[i]));
}

/** Services that have no `projects/*\/locations/*\/operations/*` form (the open rows do not apply to them). */
export const OWN_FORMS_ONLY: ReadonlySet<string> = new Set(["sqladmin"]);

/** True when `service` uses a template (undefined service: any template). */
export function templateAllows(template: NameTemplate, service: string | undefined): boolean {
    if (service === undefined) return true;
    return template.services === undefined ? !OWN_FORMS_ONLY.has(service) : template.services.includes(service);
}

/** The templates an operation name fits (decoded segments), restricted to those `service` uses when given. */
export function templatesForName(segments: readonly string[], service?: string): NameTemplate[] {
    return NAME_TEMPLATES.filter((t) => fits(segmentsOf(t.pattern), segments) && templateAllows(t, service));
}

/** The templates whose parent collection (`pattern` without `/operations/*`) fits `segments`. */
export function templatesForParent(segments: readonly string[], service?: string): NameTemplate[] {
    return NAME_TEMPLATES.filter((t) => fits(segmentsOf(t.pattern).slice(0, -2), segments) && templateAllows(t, service));
}

/**
 * Splits an operation name of `service` (any google.longrunning service when the service is not
 * named in a template), or undefined when no template of that service fits it.
 */
export function parseName(name: string, service?: string): ParsedName | undefined {
    const segments = name.split("/");
    const template = templatesForName(segments, service)[0];
    if (!template) return undefined;
    const vars: Record<string, string> = {};
    const pattern = segmentsOf(template.pattern);
    for (let i = 0; i + 1 < pattern.length; i += 2) vars[pattern[i]] = segments[i + 1];
    return { template, project: segments[1], id: segments[segments.length - 1], parent: segments.slice(0, -2).join("/"), vars };
}

/** The name forms a service accepts, for error messages. */
export function patternsOf(service: string): string[] {
    return [...new Set(NAME_TEMPLATES.filter((t) => templateAllows(t, service)).map((t) => t.pattern))];
}

/** Services whose operations are not google.longrunning.Operation (their own wire shape). */
export function isOwnShape(service: string): boolean {
    return service === "container" || service === "sqladmin";
}

/**
 * The key operations are stored under: GKE's zonal form `projects/p/zones/z/operations/o` and its
 * `locations` form name the same operation (gcloud's `LocationalResourceToZonal` and
 * `ProjectLocationOperation`, api_lib/container), so both become the `locations` form.
 */
export function canonicalName(name: string): string {
    const s = name.split("/");
    if (s.length === 6 && s[0] === "projects" && s[2] === "zones" && s[4] === "operations") s[2] = "locations";
    return s.join("/");
}

/**
 * True when an operation with parent `opParent` is listed under the requested `parent`: the same
 * segments, where `-` in the request matches any value (AIP-159; GKE's `locations/-`, `zones/-`).
 */
export function parentMatches(requested: string, opParent: string): boolean {
    const a = canonicalName(`${requested}/operations/x`).split("/");
    const b = canonicalName(`${opParent}/operations/x`).split("/");
    return a.length === b.length && a.every((seg, i) => seg === b[i] || (seg === "-" && i % 2 === 1 && i > 1));
}
