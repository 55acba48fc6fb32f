/**
 * How the registry is put together from the generated entries and the hand-kept ones (`buildRegistry`, used by
 * the generator and by the library's `listServices()`): sorted by key, the hand-kept entries included; a
 * generated entry whose host is not `{key}.googleapis.com` refused by name; a pinned location only when every
 * template names the same literal location, and no `pinnedLocation` key at all otherwise.
 */
import { findService, listServices } from "../../provider/google";
import { buildRegistry } from "../../provider/google/registry/merge";
import type { DiscoveredService } from "../../provider/google/registry/types";

function discovered(key: string, templates: string[], host = `${key}.googleapis.com`): DiscoveredService {
    return { key, apiVersion: "v1", title: `${key} title`, host, cancelBody: "none", cancelSuffix: ":cancel", templates, listable: templates };
}

const LOCATIONS = "projects/*/locations/*/operations/*";

test("the registry is sorted by key, the hand-kept entries among the generated ones", () => {
    const registry = buildRegistry([discovered("zeta", [LOCATIONS]), discovered("alpha", [LOCATIONS])], {}, [
        { key: "mid", title: "Mid", apiVersion: "v2", scope: "regional", cancelBody: "empty-json", templates: [LOCATIONS], why: "test" },
    ]);
    expect(registry.map((s) => [s.key, s.source])).toEqual([
        ["alpha", "discovery"],
        ["mid", "hand-kept"],
        ["zeta", "discovery"],
    ]);
    const keys = listServices().map((s) => s.key);
    expect(keys).toEqual([...keys].sort());
    // The library's own registry has hand-kept entries (e.g. lustre) that sort among the generated ones.
    expect(findService("lustre")?.source).toBe("hand-kept");
    expect(keys.indexOf("lustre")).toBeLessThan(keys.length - 1);
});

test("a generated entry whose host is not the key's googleapis.com host is refused, naming both", () => {
    expect(() => buildRegistry([discovered("translate", [LOCATIONS], "translation.googleapis.com")], {}, [])).toThrow(
        new Error("registry entry translate: its host translation.googleapis.com is not translate.googleapis.com; the registry assumes the key is the host's first label"),
    );
});

describe("a pinned location", () => {
    const entry = (templates: string[]) => buildRegistry([discovered("widgets", templates)], {}, [])[0];

    test("is set when every template names the same literal location", () => {
        expect(entry(["projects/*/locations/global/operations/*", "projects/*/locations/global/widgets/*/operations/*"]).pinnedLocation).toBe("global");
    });

    test("is not set when the templates name different literal locations", () => {
        const widgets = entry(["projects/*/locations/global/operations/*", "projects/*/locations/us/operations/*"]);
        expect(widgets.pinnedLocation).toBeUndefined();
        expect(Object.keys(widgets)).not.toContain("pinnedLocation");
    });

    test("leaves no pinnedLocation key when no template names a literal location", () => {
        expect(entry(["projects/*/instances/*/operations/*"])).toStrictEqual({
            key: "widgets",
            title: "widgets title",
            apiVersion: "v1",
            scope: "global",
            cancelBody: "none",
            cancelSuffix: ":cancel",
            shape: "longrunning",
            templates: ["projects/*/instances/*/operations/*"],
            listable: ["projects/*/instances/*/operations/*"],
            source: "discovery",
        });
        // As listServices() shows it: Spanner's operations are under instances, not locations.
        expect(Object.keys(findService("spanner") ?? {})).not.toContain("pinnedLocation");
    });
});
