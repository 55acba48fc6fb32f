/**
 * Maps a request line to an Operations method, as Google's HTTP/JSON transcoding does, for every name
 * form of {@link NAME_TEMPLATES}: `GET|DELETE /{v}/{name}`, `POST /{v}/{name}:cancel` (or
 * `/{v}/{name}/cancel` where the service spells it so), `GET /{v}/{parent}/operations`.
 * Segments are percent-decoded one by one.
 */
import { templatesForName, templatesForParent, type NameTemplate } from "./nameTemplates";
import type { Rpc } from "./types";

/** A routed request. */
export interface Route {
    rpc: Rpc;
    /** API version segment, e.g. `v1`, `v1beta1`, `v1beta4`. */
    version: string;
    /** Operation name (get/cancel/delete) or parent collection (list). */
    resource: string;
    /** Set when a decoded segment holds a `/`, so the name cannot be a valid operation name. */
    malformedName: boolean;
    /**
     * The service named by a leading path segment (`/gkemulticloud/v1/projects/...`), as on Google's
     * shared host `www.googleapis.com/{service}/{version}/...`; lets one loopback emulator stand in for
     * several services (e.g. gcloud's `api_endpoint_overrides/gkemulticloud=http://127.0.0.1:PORT/gkemulticloud/`).
     * Cloud SQL's own root `sql/` (`/sql/v1beta4/projects/...`, gcloud's sqladmin client) names `sqladmin`.
     */
    service?: string;
    /** The services whose name forms fit the path; undefined when a google.longrunning form fits (any service). */
    services?: readonly string[];
}

/** Why a request routed nowhere: no method matches, or the URL cannot be decoded. */
export type RouteMiss = { miss: "not-found" } | { miss: "bad-request" };

const VERSION_RE = /^v\d+[a-z0-9]*$/;
const SERVICE_RE = /^[a-z][a-z0-9]*$/;
/** Path roots that name a service by themselves (`https://sqladmin.googleapis.com/sql/v1beta4/...`). */
const SERVICE_ROOTS: Record<string, string> = { sql: "sqladmin" };

function decode(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

/** Routes `method` + raw path (no query). */
export function route(method: string, rawPath: string): Route | RouteMiss {
    const segments = rawPath.split("/");
    if (segments[0] !== "") return { miss: "not-found" };
    let i = 1;
    let service: string | undefined;
    // [service,] [root,] version, ...name
    const isRoot = (segment: string | undefined) => segment !== undefined && Object.hasOwn(SERVICE_ROOTS, segment);
    if (SERVICE_RE.test(segments[i] ?? "") && !VERSION_RE.test(segments[i]) && !isRoot(segments[i]) && (VERSION_RE.test(segments[i + 1] ?? "") || isRoot(segments[i + 1]))) {
        service = segments[i];
        i++;
    }
    if (isRoot(segments[i]) && VERSION_RE.test(segments[i + 1] ?? "")) {
        const rooted = SERVICE_ROOTS[segments[i]];
        if (service !== undefined && service !== rooted) return { miss: "not-found" };
        service = rooted;
        i++;
    }
    const version = segments[i];
    if (version === undefined || !VERSION_RE.test(version)) return { miss: "not-found" };
    const routed = routeName(method, segments.slice(i + 1), service);
    return "rpc" in routed ? { ...routed, version, ...(service !== undefined ? { service } : {}) } : routed;
}

function servicesOf(templates: readonly NameTemplate[]): readonly string[] | undefined {
    if (templates.some((t) => t.services === undefined)) return undefined;
    return [...new Set(templates.flatMap((t) => t.services ?? []))];
}

function routeName(method: string, raw: string[], service: string | undefined): Omit<Route, "version"> | RouteMiss {
    if (raw.length < 2) return { miss: "not-found" };
    let last = raw[raw.length - 1];
    let verb: string | undefined;
    let segmentCancel = false;
    if (raw.length >= 3 && last === "cancel" && raw[raw.length - 3] === "operations") {
        segmentCancel = true;
        raw = raw.slice(0, -1);
        last = raw[raw.length - 1];
    } else {
        const colon = last.lastIndexOf(":");
        if (colon >= 0) {
            verb = last.slice(colon + 1);
            last = last.slice(0, colon);
        }
    }
    const decoded = [...raw.slice(0, -1), last].map(decode);
    if (decoded.some((d) => d === undefined)) return { miss: "bad-request" };
    const names = decoded as string[];
    const malformedName = names.some((x) => x.includes("/"));
    if (names[names.length - 1] === "operations" && verb === undefined && !segmentCancel) {
        if (method !== "GET") return { miss: "not-found" };
        const parent = names.slice(0, -1);
        const templates = templatesForParent(parent, service);
        if (templates.length === 0) return { miss: "not-found" };
        return { rpc: "list", resource: parent.join("/"), malformedName, services: servicesOf(templates) };
    }
    let templates = templatesForName(names, service);
    let rpc: Rpc | undefined;
    if (segmentCancel) {
        templates = templates.filter((t) => t.cancel === "segment");
        if (method === "POST") rpc = "cancel";
    } else if (verb === undefined) {
        rpc = method === "GET" ? "get" : method === "DELETE" ? "delete" : undefined;
    } else if (verb === "cancel" && method === "POST") {
        templates = templates.filter((t) => (t.cancel ?? "verb") === "verb");
        rpc = "cancel";
    }
    if (!rpc || templates.length === 0) return { miss: "not-found" };
    return { rpc, resource: names.join("/"), malformedName, services: servicesOf(templates) };
}
