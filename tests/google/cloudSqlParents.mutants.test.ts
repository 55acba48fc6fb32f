/**
 * The parents Cloud SQL Admin lists operations under: the project (its one form, projects/{p}/operations)
 * and an instance (its list request is per instance); any other parent, a location or an instance's
 * database, is refused before any request, naming the form it has and the service's forms (a mutant that
 * let every Cloud SQL parent through survived the mutation run, docs/mutation.md).
 */
import { parseParentName, resolveEndpoint } from "../../provider/google";
import { nameRefusal } from "../support/outcome";

describe("Cloud SQL Admin's parents", () => {
    test.each(["projects/my-proj", "projects/my-proj/instances/inst-1"])("%s is accepted", (parent) => {
        expect(resolveEndpoint(parseParentName(parent), { service: "sqladmin" }, "parent")).toMatchObject({ baseUrl: "https://sqladmin.googleapis.com", serviceKey: "sqladmin", shape: "sqladmin" });
    });

    test.each([
        ["projects/my-proj/locations/us-central1", "projects/*/locations/*/operations/*"],
        ["projects/my-proj/instances/inst-1/databases/db-1", "projects/*/instances/*/databases/*/operations/*"],
    ])("%s is refused, naming its form %s", (parent, form) => {
        expect(nameRefusal(() => resolveEndpoint(parseParentName(parent), { service: "sqladmin" }, "parent"))).toEqual({
            field: "parent",
            message: `parent ${parent} has the form ${form}, which Cloud SQL Admin (sqladmin) has no operations under; its forms: projects/*/operations/*. Fix the name or service`,
        });
    });
});
