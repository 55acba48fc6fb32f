import { route } from "../../provider/testing/routes";
import { canonicalName, parentMatches, parseName } from "../../provider/testing/nameTemplates";

describe("routing every name form", () => {
    test.each([
        ["GET", "/v1/projects/p/zones/z/operations/o", { rpc: "get", version: "v1", resource: "projects/p/zones/z/operations/o", services: ["container"] }],
        ["POST", "/container/v1/projects/p/zones/z/operations/o:cancel", { rpc: "cancel", resource: "projects/p/zones/z/operations/o", service: "container" }],
        ["GET", "/container/v1/projects/p/zones/-/operations", { rpc: "list", resource: "projects/p/zones/-", services: ["container"] }],
        ["POST", "/v1/projects/p/operations/u/cancel", { rpc: "cancel", resource: "projects/p/operations/u", services: ["sqladmin"] }],
        ["POST", "/v1/projects/p/operations/u:cancel", { rpc: "cancel", resource: "projects/p/operations/u", services: ["datastore"] }],
        ["GET", "/v1/projects/p/operations/u", { rpc: "get", services: ["sqladmin", "datastore"] }],
        ["GET", "/sql/v1beta4/projects/p/operations/u", { rpc: "get", version: "v1beta4", service: "sqladmin", services: ["sqladmin"] }],
        ["GET", "/sqladmin/sql/v1beta4/projects/p/operations", { rpc: "list", resource: "projects/p", service: "sqladmin" }],
        ["DELETE", "/v1/projects/p/instances/i/databases/d/operations/o", { rpc: "delete", services: ["spanner"] }],
        ["GET", "/v1/projects/p/locations/l/datasets/d/operations", { rpc: "list", resource: "projects/p/locations/l/datasets/d", services: ["healthcare"] }],
        ["GET", "/v1/projects/p/locations/l/operations/o", { rpc: "get", services: undefined }],
    ])("%s %s", (method, path, expected) => {
        expect(route(method, path)).toMatchObject(expected);
    });

    test.each([
        ["GET", "/v1/projects/p/widgets/w/operations/o"],
        ["GET", "/v1/projects/p/operations/u/cancel"],
        ["POST", "/v1/projects/p/locations/l/operations/o/cancel"],
        ["POST", "/v1/projects/p/zones/z/operations/o/cancel"],
        ["GET", "/container/sql/v1beta4/projects/p/operations/u"],
        ["GET", "/sql/projects/p/operations/u"],
        ["GET", "/v1/projects//zones/z/operations/o"],
        ["POST", "/v1/projects/p/instances/i/operations"],
    ])("%s %s routes nowhere", (method, path) => {
        expect(route(method, path)).toEqual({ miss: "not-found" });
    });

    test("an encoded slash makes a malformed name; a bad escape is a bad request", () => {
        expect(route("GET", "/v1/projects/p/instances/a%2Fb/operations/o")).toMatchObject({ rpc: "get", malformedName: true });
        expect(route("GET", "/v1/projects/p/zones/%E0%A4%A/operations/o")).toEqual({ miss: "bad-request" });
    });

    test("GKE's zones form and locations form are one name; - matches any location or zone", () => {
        expect(canonicalName("projects/p/zones/z/operations/o")).toBe("projects/p/locations/z/operations/o");
        expect(parentMatches("projects/p/locations/-", "projects/p/zones/z")).toBe(true);
        expect(parentMatches("projects/p/zones/-", "projects/p/locations/r")).toBe(true);
        expect(parentMatches("projects/-/locations/r", "projects/p/locations/r")).toBe(false);
        expect(parentMatches("projects/p/instances/-", "projects/p/instances/i/databases/d")).toBe(false);
    });

    test("parseName splits by the service's own forms", () => {
        expect(parseName("projects/p/instances/i/backups/b/operations/o", "spanner")).toMatchObject({ project: "p", id: "o", parent: "projects/p/instances/i/backups/b", vars: { projects: "p", instances: "i", backups: "b" } });
        expect(parseName("projects/p/locations/l/operations/o", "sqladmin")).toBeUndefined();
        expect(parseName("projects/p/instances/i/operations/o", "firestore")).toBeUndefined();
    });
});
