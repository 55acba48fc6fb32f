/**
 * A service whose operations all live in one location (Managed Microsoft AD's `locations/global`) still lists
 * them under the wildcard location `-`, which matches any location; any other location is refused by the
 * service's forms, naming them (mutants of the pinned-location check that refused `-` were not covered by
 * any test in the mutation run, docs/mutation.md).
 */
import { OperationsClient, parseParentName, resolveEndpoint } from "../../provider/google";
import { nameRefusal } from "../support/outcome";

describe("a service pinned to locations/global", () => {
    test("the wildcard location lists its operations at its global host", () => {
        const endpoint = resolveEndpoint(parseParentName("projects/my-proj/locations/-"), { service: "managedidentities" }, "parent");
        expect(endpoint).toMatchObject({ baseUrl: "https://managedidentities.googleapis.com", apiVersion: "v1", serviceKey: "managedidentities" });
        const client = new OperationsClient({ service: "managedidentities", credentials: { accessToken: "pinned-location-token" } });
        expect(client.resolveParent("projects/my-proj/locations/-").url).toBe("https://managedidentities.googleapis.com/v1/projects/my-proj/locations/-/operations");
    });

    test("another location is refused by the service's forms, before any request", () => {
        expect(nameRefusal(() => resolveEndpoint(parseParentName("projects/my-proj/locations/us-central1"), { service: "managedidentities" }, "parent"))).toEqual({
            field: "parent",
            message:
                "parent projects/my-proj/locations/us-central1 has the form projects/*/locations/*/operations/*, which Managed Service for Microsoft Active Directory (managedidentities) " +
                "has no operations under; its forms: projects/*/locations/global/operations/*. Fix the name or service",
        });
    });
});
