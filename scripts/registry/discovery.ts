/**
 * Reads Google's API discovery documents and extracts, for each API, what the registry needs about its
 * `operations.cancel` methods: the operation name templates, the HTTP body, the path suffix and whether
 * the parent collection can be listed. Pure: no file or network access here.
 */
import type { DiscoveredService } from "../../provider/google/registry/types";

interface DiscoveryMethod {
    id?: string;
    flatPath?: string;
    path?: string;
    httpMethod?: string;
    request?: { $ref?: string };
}

interface DiscoveryResource {
    methods?: Record<string, DiscoveryMethod>;
    resources?: Record<string, DiscoveryResource>;
}

/** The parts of a discovery document this reads. */
export interface DiscoveryDocument {
    name: string;
    version: string;
    title?: string;
    rootUrl: string;
    resources?: Record<string, DiscoveryResource>;
}

const CANCEL_PATH = /^(?:[^/]+)\/(projects\/.+\/operations\/\{[^}]+\})(:cancel|\/cancel)$/;

function methodsOf(resources: Record<string, DiscoveryResource> | undefined, out: Array<[string, DiscoveryResource]>, prefix = ""): void {
    for (const [name, resource] of Object.entries(resources ?? {})) {
        out.push([prefix ? `${prefix}.${name}` : name, resource]);
        methodsOf(resource.resources, out, prefix ? `${prefix}.${name}` : name);
    }
}

/** `projects/{projectsId}/locations/{locationsId}/operations/{operationsId}` → `projects/*\/locations/*\/operations/*`. */
export function templateOf(flatPath: string): string {
    return flatPath.replace(/\{[^}]+\}/g, "*");
}

/**
 * What one discovery document says about cancellable operations whose names start with `projects/`,
 * or undefined when it has none. Templates are sorted, so the result does not depend on key order.
 */
export function discoverService(doc: DiscoveryDocument): DiscoveredService | undefined {
    const resources: Array<[string, DiscoveryResource]> = [];
    methodsOf(doc.resources, resources);
    const templates = new Set<string>();
    const listable = new Set<string>();
    const bodies = new Set<"empty-json" | "none">();
    const suffixes = new Set<":cancel" | "/cancel">();
    for (const [, resource] of resources) {
        const cancel = resource.methods?.cancel;
        if (!cancel || cancel.httpMethod !== "POST") continue;
        const match = CANCEL_PATH.exec(cancel.flatPath ?? cancel.path ?? "");
        if (!match) continue;
        const template = templateOf(match[1]);
        if (!/^projects\/\*(\/[a-zA-Z]+\/(\*|[a-z0-9-]+))*$/.test(template)) continue;
        templates.add(template);
        bodies.add(cancel.request ? "empty-json" : "none");
        suffixes.add(match[2] as ":cancel" | "/cancel");
        const list = resource.methods?.list;
        if (list && list.httpMethod === "GET") listable.add(template);
    }
    if (templates.size === 0) return undefined;
    if (bodies.size > 1 || suffixes.size > 1) {
        throw new Error(`${doc.name} ${doc.version}: its cancel methods disagree on the body or path suffix; the registry cannot describe it with one entry`);
    }
    const host = new URL(doc.rootUrl).host;
    return {
        key: host.split(".")[0],
        apiVersion: doc.version,
        title: (doc.title ?? doc.name).replace(/ API$/, ""),
        host,
        cancelBody: [...bodies][0],
        cancelSuffix: [...suffixes][0],
        templates: [...templates].sort(byLengthThenText),
        listable: [...listable].sort(byLengthThenText),
    };
}

/** `v2` → 2; `v1beta1` → undefined (only stable versions are registered). */
export function stableVersionNumber(version: string): number | undefined {
    const match = /^v(\d+)$/.exec(version);
    return match ? Number(match[1]) : undefined;
}

/** Of several versions of one API, the `pinned` one, or else the highest stable one that has cancellable operations. */
export function preferredVersion(candidates: DiscoveredService[], pinned?: string): DiscoveredService | undefined {
    if (pinned !== undefined) return candidates.find((c) => c.apiVersion === pinned);
    let best: DiscoveredService | undefined;
    for (const candidate of candidates) {
        const n = stableVersionNumber(candidate.apiVersion);
        if (n === undefined) continue;
        if (!best || n > (stableVersionNumber(best.apiVersion) ?? -1)) best = candidate;
    }
    return best;
}

/** Shorter templates first (the service's main form leads), then alphabetical. */
function byLengthThenText(a: string, b: string): number {
    return a.split("/").length - b.split("/").length || (a < b ? -1 : a > b ? 1 : 0);
}
