/**
 * Endpoint rules at their edges (survivors and no-coverage mutants of the mutation run, docs/mutation.md):
 * which hosts are loopback, what an endpoint override may be, a service option spelled another way than the
 * pasted name's, and request paths built from references made by hand.
 */
import { InvalidNameError, InvalidOptionError, isLoopbackHost, parseOperationName, resolveEndpoint, validateEndpoint } from "../../provider/google";
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import type { NameSegment } from "../../provider/google/names";
import { thrownBy } from "../support/outcome";

/** `run` throws an error of `expected`'s class, with its field and message. */
function expectRefusal(run: () => unknown, expected: InvalidOptionError | InvalidNameError): void {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(expected.constructor);
    expect(error).toMatchObject({ field: expected.field, message: expected.message });
}

describe("loopback hosts", () => {
    test.each<[string, boolean]>([
        ["localhost", true],
        ["api.localhost", true],
        ["LOCALHOST", true],
        ["127.0.0.1", true],
        ["127.9.8.7", true],
        ["128.0.0.1", false],
        ["::1", true],
        ["[::1]", true],
        ["0:0:0:0:0:0:0:1", true],
        ["::2", false],
        ["[fe80::1]", false],
        ["localhost.example.com", false],
        ["127.0.0.1.example.com", false],
    ])("%s: %s", (host, loopback) => {
        expect(isLoopbackHost(host)).toBe(loopback);
    });
});

describe("endpoint overrides", () => {
    test("not a URL: the field, the value and two examples", () => {
        expectRefusal(() => validateEndpoint("clouddeploy.googleapis.com", "gcp:endpoint"), new InvalidOptionError("gcp:endpoint", 'gcp:endpoint "clouddeploy.googleapis.com" is not an absolute URL; expected e.g. https://clouddeploy.googleapis.com or http://127.0.0.1:8085 for a local emulator'));
    });

    test("only https, or http on loopback: another scheme is refused even on loopback", () => {
        for (const endpoint of ["ftp://127.0.0.1:21", "ws://localhost:8080", "http://10.0.0.1:8085"]) {
            expect(() => validateEndpoint(endpoint)).toThrow(/must use https \(plain http is allowed only for loopback addresses such as 127\.0\.0\.1\)/);
        }
        expect(validateEndpoint("http://[::1]:8085/")).toBe("http://[::1]:8085");
    });

    test("its default field name, credentials of either kind, and trailing slashes", () => {
        expectRefusal(() => validateEndpoint("nope"), new InvalidOptionError("endpoint", 'endpoint "nope" is not an absolute URL; expected e.g. https://clouddeploy.googleapis.com or http://127.0.0.1:8085 for a local emulator'));
        for (const endpoint of ["https://user@api.example.com", "https://:secret@api.example.com", "https://user:secret@api.example.com"]) {
            expect(() => validateEndpoint(endpoint)).toThrow("endpoint must not contain credentials; pass them as accessToken or through Application Default Credentials");
        }
        expect(validateEndpoint("https://api.example.com/prefix///")).toBe("https://api.example.com/prefix");
    });
});

describe("universe domains and API versions", () => {
    const ref = parseOperationName("projects/my-proj/locations/us-central1/operations/x");

    test.each(["googleapis.com", "example.com", "a.b", "my-cloud.example.co"])("universe %s is accepted", (universeDomain) => {
        expect(resolveEndpoint(ref, { service: "clouddeploy", universeDomain }).baseUrl).toBe(`https://clouddeploy.${universeDomain}`);
    });

    test.each(["com", "example.com/x", "-a.example.com", "a-.example.com", "example..com", "exa_mple.com", `${"a".repeat(64)}.com`, "example.com."])("universe %j is refused", (universeDomain) => {
        expectRefusal(() => resolveEndpoint(ref, { service: "clouddeploy", universeDomain }), new InvalidOptionError("universeDomain", `universeDomain ${JSON.stringify(universeDomain)} is not a domain such as googleapis.com`));
    });

    test.each(["v1", "v12", "v1beta", "v1alpha2", "v2beta10"])("API version %s is accepted", (apiVersion) => {
        expect(resolveEndpoint(ref, { service: "clouddeploy", apiVersion }).apiVersion).toBe(apiVersion);
    });

    test.each(["v", "1", "x-v1", "v1x", "vx", "v1beta1x", "v1gamma", "v1betax"])("API version %j is refused", (apiVersion) => {
        expectRefusal(() => resolveEndpoint(ref, { service: "clouddeploy", apiVersion }), new InvalidOptionError("apiVersion", `apiVersion ${JSON.stringify(apiVersion)} must look like v1, v2 or v1beta1`));
    });
});

describe("a service option and a pasted name", () => {
    const pasted = parseOperationName("//clouddeploy.googleapis.com/projects/my-proj/locations/us-central1/operations/x");

    test("the same service spelled another way (its host) agrees", () => {
        expect(resolveEndpoint(pasted, { service: "clouddeploy.googleapis.com" }).serviceKey).toBe("clouddeploy");
    });

    test("another service is refused, naming both and the fix", () => {
        expectRefusal(() => resolveEndpoint(pasted, { service: "gkemulticloud" }), new InvalidOptionError("service", 'service "gkemulticloud" disagrees with operation, which names "clouddeploy"; drop service or fix the name'));
    });
});

describe("request paths from references made by hand", () => {
    const endpoint = { baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1" } as ResolvedEndpoint;
    const byHand = (segments: NameSegment[]) => ({ name: segments.map(([c, id]) => `${c}/${id}`).join("/"), segments });

    test("an invalid collection, a first segment other than projects, or an invalid id is refused before any request", () => {
        expectRefusal(() => resourceUrl(endpoint, byHand([["projects", "my-proj"], ["bad collection", "x"], ["operations", "o"]])), new InvalidNameError("operation", 'operation has an invalid collection "bad collection"; no request was sent'));
        expectRefusal(() => resourceUrl(endpoint, byHand([["folders", "my-folder"], ["operations", "o"]])), new InvalidNameError("operation", "operation does not start with projects/; no request was sent"));
        expectRefusal(() => resourceUrl(endpoint, byHand([["projects", "my-proj"], ["locations", "us-central1"], ["operations", ".."]])), new InvalidNameError("operation", 'operation has an invalid operation id ".."; no request was sent'));
    });

    test("a valid one makes the path as given", () => {
        expect(resourceUrl(endpoint, byHand([["projects", "my-proj"], ["locations", "us-central1"], ["operations", "o-1"]]), ":cancel")).toBe(
            "https://clouddeploy.googleapis.com/v1/projects/my-proj/locations/us-central1/operations/o-1:cancel",
        );
        expect(resourceUrl(endpoint, { project: "my-proj", location: "global" }, "/operations")).toBe("https://clouddeploy.googleapis.com/v1/projects/my-proj/locations/global/operations");
    });
});
