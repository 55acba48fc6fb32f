/**
 * Names and options resolved to an endpoint, and call options, refused before any request: mutants no
 * in-process test reached (docs/mutation.md). No request is sent in any of these tests.
 */
import { InvalidNameError, InvalidOptionError, OperationsClient, parseOperationName, resolveEndpoint } from "../../provider/google";
import { isBareOperationId } from "../../provider/google/names";
import { thrownBy } from "../support/outcome";

const client = (extra = {}) => new OperationsClient({ endpoint: "http://127.0.0.1:1", credentials: { accessToken: "t" }, ...extra });

describe("isBareOperationId", () => {
    test.each([
        ["operation-123", true],
        ["x", true],
        ["", false],
        ["projects/my-proj/locations/l/operations/x", false],
        ["a/b", false],
        ["https:x", false],
        ["//clouddeploy.googleapis.com", false],
    ])("%j: %s", (input, bare) => {
        expect(isBareOperationId(input)).toBe(bare);
    });
});

describe("resolveEndpoint refuses, naming the option or name and the fix", () => {
    const ref = parseOperationName("projects/my-proj/locations/us-central1/operations/x");

    test("a universe domain that is not a domain", () => {
        for (const universeDomain of ["not a domain", "localhost", "-bad.com", "UPPER.com"]) {
            expect(() => resolveEndpoint(ref, { service: "clouddeploy", universeDomain })).toThrow(
                new InvalidOptionError("universeDomain", `universeDomain ${JSON.stringify(universeDomain)} is not a domain such as googleapis.com`),
            );
        }
        expect(resolveEndpoint(ref, { service: "clouddeploy", universeDomain: "example-sovereign.cloud" }).baseUrl).toBe("https://clouddeploy.example-sovereign.cloud");
    });

    test("an API version that does not look like one", () => {
        for (const apiVersion of ["1", "v", "version1", "v1 beta", "v1gamma"]) {
            expect(() => resolveEndpoint(ref, { service: "clouddeploy", apiVersion })).toThrow(`apiVersion ${JSON.stringify(apiVersion)} must look like v1, v2 or v1beta1`);
        }
        for (const apiVersion of ["v2", "v1beta1", "v1alpha", "v2beta"]) expect(resolveEndpoint(ref, { service: "clouddeploy", apiVersion }).apiVersion).toBe(apiVersion);
    });

    // The service's forms name the location literally, so the form check refuses first (the pinned-location
    // check after it is a second line of defence; docs/mutation.md).
    test("a service whose operations live in one location, asked about another", () => {
        const elsewhere = parseOperationName("projects/my-proj/locations/us-central1/operations/x");
        const error = thrownBy(() => resolveEndpoint(elsewhere, { service: "managedidentities" }));
        expect(error).toBeInstanceOf(InvalidNameError);
        expect((error as InvalidNameError).field).toBe("operation");
        expect((error as Error).message).toMatch(/\(managedidentities\) has no operations under; its forms: projects\/\*\/locations\/global\/operations\/\*\. Fix the name or service$/);
        expect(resolveEndpoint(parseOperationName("projects/my-proj/locations/global/operations/x"), { service: "managedidentities" }).baseUrl).toBe("https://managedidentities.googleapis.com");
    });
});

describe("call options are refused before any request", () => {
    const OP = "projects/my-proj/locations/us-central1/operations/x";
    const PARENT = "projects/my-proj/locations/us-central1";

    test("waitForOperation: timeoutMs must be a non-negative number; 0 ends at once without a poll", async () => {
        for (const timeoutMs of [-1, Number.NaN]) {
            await expect(client({ service: "clouddeploy" }).waitForOperation(OP, { timeoutMs })).rejects.toThrow(
                new InvalidOptionError("timeoutMs", "timeoutMs must be a non-negative number of milliseconds"),
            );
        }
        const c = client({ service: "clouddeploy" });
        const result = await c.waitForOperation(OP, { timeoutMs: 0 });
        expect(result).toMatchObject({ done: false, notFound: false, polls: 0, operation: { name: OP } });
        expect(c.requestCount).toBe(0);
    });

    test("listing: pageSize a positive integer, timeoutMs and pageTimeoutMs positive numbers", async () => {
        const list = (options: object) => client({ service: "clouddeploy" }).listOperationPages(PARENT, options).next();
        await expect(list({ pageSize: 0 })).rejects.toThrow(new InvalidOptionError("pageSize", "pageSize must be a positive integer"));
        await expect(list({ pageSize: 1.5 })).rejects.toThrow("pageSize must be a positive integer");
        for (const key of ["timeoutMs", "pageTimeoutMs"]) {
            for (const value of [0, -1, "10"]) {
                let error: unknown;
                try {
                    await list({ [key]: value });
                } catch (err) {
                    error = err;
                }
                expect(error).toBeInstanceOf(InvalidOptionError);
                expect((error as InvalidOptionError).field).toBe(key);
                expect((error as Error).message).toBe(`${key} must be a positive number of milliseconds`);
            }
        }
    });
});
