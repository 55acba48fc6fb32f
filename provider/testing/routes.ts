/**
 * Maps a request line to one of the Operations REST methods, as Google's HTTP/JSON transcoding does:
 * `GET|DELETE /{v}/projects/*\/locations/*\/operations/*`, `POST .../operations/*:cancel`,
 * `GET /{v}/projects/*\/locations/*\/operations`. Segments are percent-decoded one by one.
 */
import type { Rpc } from "./types";

/** A routed request. */
export interface Route {
    rpc: Rpc;
    /** API version segment, e.g. `v1`, `v1beta1`. */
    version: string;
    /** Operation name (get/cancel/delete) or parent collection (list). */
    resource: string;
    /** Set when a decoded segment holds a `/`, so the name cannot be a valid operation name. */
    malformedName: boolean;
    /**
     * The service named by a leading path segment (`/gkemulticloud/v1/projects/...`), as on Google's
     * shared host `www.googleapis.com/{service}/{version}/...`; lets one loopback emulator stand in for
     * several services (e.g. gcloud's `api_endpoint_overrides/gkemulticloud=http://127.0.0.1:PORT/gkemulticloud/`).
     */
    service?: string;
}

/** Why a request routed nowhere: no method matches, or the URL cannot be decoded. */
export type RouteMiss = { miss: "not-found" } | { miss: "bad-request" };

const VERSION_RE = /^v\d+[a-z0-9]*$/;
const SERVICE_RE = /^[a-z][a-z0-9]*$/;

function decode(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

/** Routes `method` + raw path (no query). */
export function route(method: string, rawPath: string): Route | RouteMiss {
    // "", [service,] version, "projects", p, "locations", l, "operations"[, id[:verb]]
    const segments = rawPath.split("/");
    if (segments.length >= 3 && SERVICE_RE.test(segments[1]) && !VERSION_RE.test(segments[1]) && VERSION_RE.test(segments[2])) {
        const routed = routeUnprefixed(method, ["", ...segments.slice(2)]);
        return "rpc" in routed ? { ...routed, service: segments[1] } : routed;
    }
    return routeUnprefixed(method, segments);
}

function routeUnprefixed(method: string, raw: string[]): Route | RouteMiss {
    if (raw.length !== 7 && raw.length !== 8) return { miss: "not-found" };
    if (raw[0] !== "" || !VERSION_RE.test(raw[1]) || raw[2] !== "projects" || raw[4] !== "locations") return { miss: "not-found" };
    const version = raw[1];
    const project = decode(raw[3]);
    const location = decode(raw[5]);
    if (project === undefined || location === undefined) return { miss: "bad-request" };
    if (project === "" || location === "") return { miss: "not-found" };
    if (raw.length === 7) {
        if (raw[6] !== "operations" || method !== "GET") return { miss: "not-found" };
        return { rpc: "list", version, resource: `projects/${project}/locations/${location}`, malformedName: project.includes("/") || location.includes("/") };
    }
    if (raw[6] !== "operations") return { miss: "not-found" };
    let last = raw[7];
    let verb: string | undefined;
    const colon = last.lastIndexOf(":");
    if (colon >= 0) {
        verb = last.slice(colon + 1);
        last = last.slice(0, colon);
    }
    const id = decode(last);
    if (id === undefined) return { miss: "bad-request" };
    if (id === "") return { miss: "not-found" };
    let rpc: Rpc | undefined;
    if (verb === undefined) rpc = method === "GET" ? "get" : method === "DELETE" ? "delete" : undefined;
    else if (verb === "cancel" && method === "POST") rpc = "cancel";
    if (!rpc) return { miss: "not-found" };
    const resource = `projects/${project}/locations/${location}/operations/${id}`;
    return { rpc, version, resource, malformedName: [project, location, id].some((x) => x.includes("/")) };
}
