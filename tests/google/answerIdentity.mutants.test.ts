/**
 * Which answers and names are believed: an operation answer must name exactly the operation asked for
 * (a project number only in the project's place, and only when the name gave an id); a link is reduced to
 * its resource path only when the whole link is one; a parent must have one of its service's forms.
 */
import { InvalidNameError } from "../../provider/google/errors";
import { resolveEndpoint } from "../../provider/google/endpoint";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { SERVICES } from "../../provider/google/registry";
import { resourcePathOfLink } from "../../provider/google/shapes/apiLink";
import { checkSameOperation } from "../../provider/google/validate";
import { thrownBy } from "../support/outcome";

const ASKED = parseOperationName("projects/my-proj/locations/us-central1/operations/op-1");
const ctx = { method: "get" as const, resource: ASKED.name };

describe("an operation answer names the operation asked for", () => {
    test.each([
        ["the asked name without its id", "projects/my-proj/locations/us-central1/operations"],
        ["the asked name with one more segment", "projects/my-proj/locations/us-central1/operations/op-1/extra"],
        ["another project id", "projects/other-proj/locations/us-central1/operations/op-1"],
        ["a project that only starts with digits", "projects/123abc/locations/us-central1/operations/op-1"],
        ["a project number in the location's place", "projects/my-proj/locations/123456/operations/op-1"],
    ])("%s is refused", (_what, name) => {
        expect(() => checkSameOperation({ name }, ASKED, ctx)).toThrow(`it names the operation ${JSON.stringify(name)}, not ${ASKED.name}`);
    });

    test("the project's number for the project id given is believed; a number for a number given must be that number", () => {
        const byNumber = "projects/123456789012/locations/us-central1/operations/op-1";
        expect(checkSameOperation({ name: byNumber }, ASKED, ctx).name).toBe(byNumber);
        const askedByNumber = parseOperationName("projects/42/locations/us-central1/operations/op-1");
        expect(() => checkSameOperation({ name: byNumber }, askedByNumber, { ...ctx, resource: askedByNumber.name })).toThrow(/it names the operation/);
    });
});

describe("a self or target link", () => {
    test("whose resource path is followed by a line break is kept as is, not cut at the break", () => {
        const link = "https://container.googleapis.com/v1/projects/p/locations/l/clusters/c\nprojects/other";
        expect(resourcePathOfLink(link)).toBe(link);
    });

    test("that is a whole API URL gives its resource path", () => {
        expect(resourcePathOfLink("https://container.googleapis.com/v1beta1/projects/p/locations/l/clusters/c")).toBe("projects/p/locations/l/clusters/c");
    });
});

describe("a parent outside its service's forms", () => {
    test("an instance parent is only Cloud SQL's: another service refuses it, naming its forms", () => {
        const parent = parseParentName("projects/my-proj/instances/inst-1");
        const error = thrownBy(() => resolveEndpoint(parent, { service: "clouddeploy" }, "parent"));
        expect(error).toBeInstanceOf(InvalidNameError);
        expect((error as InvalidNameError).message).toBe(
            "parent projects/my-proj/instances/inst-1 has the form projects/*/instances/*/operations/*, which Cloud Deploy (clouddeploy) has no operations under; its forms: projects/*/locations/*/operations/*. Fix the name or service",
        );
        expect(resolveEndpoint(parent, { service: "sqladmin" }, "parent").serviceKey).toBe("sqladmin");
    });

    test("a service with a few forms names each of them, comma-separated", () => {
        const error = thrownBy(() => resolveEndpoint(parseParentName("projects/my-proj/instances/inst-1"), { service: "dataproc" }, "parent"));
        expect(error).toBeInstanceOf(InvalidNameError);
        expect((error as InvalidNameError).message).toMatch(/; its forms: projects\/\*\/locations\/\*\/operations\/\*, projects\/\*\/regions\/\*\/operations\/\*\. Fix the name or service$/);
    });

    test("a service with more than four forms names the first four, comma-separated, and how many more", () => {
        const spanner = SERVICES.find((s) => s.key === "spanner")!;
        expect(spanner.templates.length).toBeGreaterThan(4);
        const error = thrownBy(() => resolveEndpoint(parseParentName("projects/my-proj/locations/us-central1"), { service: "spanner" }, "parent"));
        expect(error).toBeInstanceOf(InvalidNameError);
        const [a, b, c, d] = spanner.templates;
        expect((error as InvalidNameError).message).toBe(
            `parent projects/my-proj/locations/us-central1 has the form projects/*/locations/*/operations/*, which ${spanner.title} (spanner) has no operations under; ` +
                `its forms: ${a}, ${b}, ${c}, ${d} and ${spanner.templates.length - 4} more (docs/services.md). Fix the name or service`,
        );
    });
});
