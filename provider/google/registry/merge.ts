import type { HandKeptService, ServiceOverride } from "./overrides";
import type { DiscoveredService, ServiceInfo } from "./types";

/**
 * The registry: the generated entries with the hand-kept overrides applied, plus the hand-kept entries,
 * sorted by key. Throws when an override or hand-kept entry does not fit the generated data, so the
 * two cannot drift apart silently.
 */
export function buildRegistry(
    discovered: readonly DiscoveredService[],
    overrides: Readonly<Record<string, ServiceOverride>>,
    handKept: readonly HandKeptService[],
): ServiceInfo[] {
    const byKey = new Map(discovered.map((d) => [d.key, d]));
    for (const [key, override] of Object.entries(overrides)) {
        const entry = byKey.get(key);
        if (!entry) throw new Error(`registry override ${key}: no generated entry has this key; drop the override or regenerate the registry`);
        if (override.apiVersion !== undefined && override.apiVersion !== entry.apiVersion) {
            throw new Error(`registry override ${key}: pins ${override.apiVersion}, but the generated entry is ${entry.apiVersion}; regenerate the registry`);
        }
    }
    for (const entry of handKept) {
        if (byKey.has(entry.key)) throw new Error(`hand-kept service ${entry.key} is now in the generated registry; drop the hand-kept entry`);
    }
    const services: ServiceInfo[] = discovered.map((d) => {
        const o = overrides[d.key] ?? { why: "" };
        const host = `${d.key}.googleapis.com`;
        if (d.host !== host) throw new Error(`registry entry ${d.key}: its host ${d.host} is not ${host}; the registry assumes the key is the host's first label`);
        return {
            key: d.key,
            title: o.title ?? d.title,
            apiVersion: d.apiVersion,
            scope: o.scope ?? "global",
            cancelBody: d.cancelBody,
            cancelSuffix: d.cancelSuffix,
            shape: o.shape ?? "longrunning",
            templates: d.templates,
            listable: d.listable,
            ...pinnedLocationOf(d.templates),
            source: "discovery",
        };
    });
    for (const h of handKept) {
        services.push({
            key: h.key,
            title: h.title,
            apiVersion: h.apiVersion,
            scope: h.scope,
            cancelBody: h.cancelBody,
            cancelSuffix: ":cancel",
            shape: "longrunning",
            templates: h.templates,
            listable: h.templates,
            source: "hand-kept",
        });
    }
    return services.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `global` when every template fixes the location segment to that literal (`projects/*\/locations/global/operations/*`). */
function pinnedLocationOf(templates: readonly string[]): { pinnedLocation?: string } {
    const pinned = new Set(templates.map((t) => /\/locations\/([a-z0-9-]+)\//.exec(t)?.[1]));
    const [only] = [...pinned];
    return pinned.size === 1 && only !== undefined ? { pinnedLocation: only } : {};
}
