import { InvalidNameError, InvalidOptionError, findService, listServices, parseOperationName, resolveEndpoint, serviceHost, validateEndpoint } from "../../provider/google";

describe("service registry", () => {
    test("covers Cloud Deploy, GKE Multi-Cloud and at least 20 more services", () => {
        const keys = listServices().map((s) => s.key);
        expect(keys).toEqual(expect.arrayContaining(["clouddeploy", "gkemulticloud"]));
        expect(keys.length).toBeGreaterThanOrEqual(22);
        expect(new Set(keys).size).toBe(keys.length);
    });

    test("Cloud Deploy is global, GKE Multi-Cloud regional", () => {
        expect(serviceHost(findService("clouddeploy")!, "us-central1")).toBe("clouddeploy.googleapis.com");
        expect(serviceHost(findService("gkemulticloud")!, "us-west1")).toBe("us-west1-gkemulticloud.googleapis.com");
        expect(serviceHost(findService("aiplatform")!, "global")).toBe("aiplatform.googleapis.com");
    });

    test("honours a universe domain", () => {
        expect(serviceHost(findService("clouddeploy")!, "u-north1", "example-universe.goog")).toBe("clouddeploy.example-universe.goog");
    });

    test("accepts the host form of a key", () => {
        expect(findService("clouddeploy.googleapis.com")?.key).toBe("clouddeploy");
    });
});

describe("resolveEndpoint", () => {
    const deploy = parseOperationName("projects/my-proj/locations/us-central1/operations/op-1");
    const multicloud = parseOperationName("projects/my-proj/locations/europe-west1/operations/op-2");

    test("resolves the global endpoint of Cloud Deploy", () => {
        expect(resolveEndpoint(deploy, { service: "clouddeploy" })).toMatchObject({ baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1", cancelBody: "empty-json" });
    });

    test("resolves the regional endpoint of GKE Multi-Cloud from the operation's location", () => {
        expect(resolveEndpoint(multicloud, { service: "gkemulticloud" }).baseUrl).toBe("https://europe-west1-gkemulticloud.googleapis.com");
    });

    test("takes the service from a pasted name", () => {
        expect(resolveEndpoint(parseOperationName("//tpu.googleapis.com/projects/my-proj/locations/us-central1/operations/x"), {})).toMatchObject({
            baseUrl: "https://tpu.googleapis.com",
            apiVersion: "v2",
            cancelBody: "none",
        });
    });

    test("requires a service or an endpoint", () => {
        expect(() => resolveEndpoint(deploy, {})).toThrow(/service is required/);
    });

    test("rejects an unknown service with the list and the endpoint escape hatch", () => {
        expect(() => resolveEndpoint(deploy, { service: "nosuch" })).toThrow(/not a known service.*clouddeploy.*endpoint/);
    });

    test("rejects a service that disagrees with the pasted name", () => {
        expect(() => resolveEndpoint(parseOperationName("//clouddeploy.googleapis.com/projects/my-proj/locations/us-central1/operations/x"), { service: "gkemulticloud" })).toThrow(InvalidOptionError);
    });

    test("rejects a pasted regional host that does not match the location", () => {
        const ref = parseOperationName("https://us-east4-gkemulticloud.googleapis.com/v1/projects/my-proj/locations/us-west1/operations/x");
        expect(() => resolveEndpoint(ref, {})).toThrow(InvalidNameError);
    });

    test("enforces a pinned location", () => {
        expect(() => resolveEndpoint(parseOperationName("projects/my-proj/locations/us-central1/operations/x"), { service: "networkmanagement" })).toThrow(/locations\/global/);
    });

    test("an endpoint override wins and keeps the service's version", () => {
        expect(resolveEndpoint(deploy, { service: "cloudbuild", endpoint: "http://127.0.0.1:9999/" })).toMatchObject({ baseUrl: "http://127.0.0.1:9999", apiVersion: "v2" });
    });
});

describe("validateEndpoint", () => {
    test.each(["https://clouddeploy.googleapis.com", "http://127.0.0.1:8085", "http://localhost:1", "http://[::1]:8080", "https://psc.p.googleapis.com/prefix"])("accepts %s", (url) => {
        expect(validateEndpoint(url)).toBe(url.replace(/\/$/, ""));
    });
    test.each(["http://clouddeploy.googleapis.com", "http://10.0.0.1:80", "ftp://x", "not a url", "https://u:p@host.example", "https://h.example/?q=1", "http://127.evil.com"])("rejects %s", (url) => {
        expect(() => validateEndpoint(url)).toThrow(InvalidOptionError);
    });
});
