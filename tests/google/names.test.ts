import { InvalidNameError, OperationsClient, encodeResourcePath, operationNameFromParts, parseOperationName, parseParentName } from "../../provider/google";
import { resolveEndpoint } from "../../provider/google/endpoint";

const NAME = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

describe("parseOperationName", () => {
    test("accepts the plain name", () => {
        expect(parseOperationName(NAME)).toEqual({
            project: "my-proj",
            location: "us-central1",
            operation: "operation-1732000000000-abc",
            parent: "projects/my-proj/locations/us-central1",
            name: NAME,
        });
    });

    test("accepts a full resource name and takes the service from it (a service name, not a host)", () => {
        const ref = parseOperationName(`//clouddeploy.googleapis.com/${NAME}`);
        expect(ref.name).toBe(NAME);
        expect(ref.service).toBe("clouddeploy");
        expect(ref.host).toBeUndefined();
    });

    test("a regional service's full resource name resolves to the host of the name's location", () => {
        const ref = parseOperationName("//gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1/operations/op-9");
        expect(ref).toMatchObject({ service: "gkemulticloud", location: "us-west1" });
        expect(resolveEndpoint(ref, {}).baseUrl).toBe("https://us-west1-gkemulticloud.googleapis.com");
        const parent = parseParentName("//gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1");
        expect(new OperationsClient({ credentials: { accessToken: "x-token-123" } }).resolveParent(parent).url).toBe(
            "https://us-west1-gkemulticloud.googleapis.com/v1/projects/my-proj/locations/us-west1/operations",
        );
    });

    test("a region-prefixed full resource name is checked against the name's location", () => {
        const ref = parseOperationName("//us-east4-gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1/operations/op-9");
        expect(() => resolveEndpoint(ref, {})).toThrow(/names the host us-east4-gkemulticloud\.googleapis\.com, but GKE Multi-Cloud operations in us-west1 are served by us-west1-gkemulticloud\.googleapis\.com/);
    });

    test("accepts an API URL and takes service, host and version from it", () => {
        const ref = parseOperationName(`https://clouddeploy.googleapis.com/v1/${NAME}`);
        expect(ref).toMatchObject({ name: NAME, service: "clouddeploy", apiVersion: "v1", host: "clouddeploy.googleapis.com" });
    });

    test("a regional API URL names the service without the location prefix", () => {
        const ref = parseOperationName("https://us-west1-gkemulticloud.googleapis.com/v1/projects/my-proj/locations/us-west1/operations/op-1");
        expect(ref.service).toBe("gkemulticloud");
        expect(ref.host).toBe("us-west1-gkemulticloud.googleapis.com");
    });

    test("accepts numeric project numbers and domain-scoped projects", () => {
        expect(parseOperationName("projects/123456789012/locations/global/operations/x").project).toBe("123456789012");
        expect(parseOperationName("projects/example.com:my-proj/locations/global/operations/x").project).toBe("example.com:my-proj");
    });

    test("builds a name from parts", () => {
        expect(operationNameFromParts("my-proj", "us-central1", "op-1").name).toBe("projects/my-proj/locations/us-central1/operations/op-1");
    });

    const hostile: Array<[string, string]> = [
        ["dot-dot segment", "projects/my-proj/locations/us-central1/operations/.."],
        ["dot-dot inside the operation id", "projects/my-proj/locations/us-central1/operations/op..x"],
        ["dot-dot at the end of the operation id", "projects/my-proj/locations/us-central1/operations/op.."],
        ["dot-dot in a domain-scoped project", "projects/example..com:my-proj/locations/us-central1/operations/x"],
        ["dot-dot in a pasted URL's path", `https://clouddeploy.googleapis.com/v1/projects/my-proj/locations/us-central1/operations/a..b`],
        ["an uppercase host in a URL", `https://CloudDeploy.googleapis.com/v1/${NAME}`],
        ["dot-dot traversal", "projects/my-proj/locations/../operations/x"],
        ["encoded slash", "projects/my-proj/locations/us-central1/operations/a%2Fb"],
        ["query", "projects/my-proj/locations/us-central1/operations/x?alt=media"],
        ["fragment", "projects/my-proj/locations/us-central1/operations/x#y"],
        ["space", "projects/my-proj/locations/us-central1/operations/x y"],
        ["leading whitespace", " projects/my-proj/locations/us-central1/operations/x"],
        ["newline", "projects/my-proj/locations/us-central1/operations/x\nHost: evil"],
        ["NUL", "projects/my-proj/locations/us-central1/operations/x\u0000"],
        ["DEL", "projects/my-proj/locations/us-central1/operations/x\u007f"],
        ["backslash", "projects/my-proj/locations/us-central1/operations/x\\y"],
        ["extra segment", `${NAME}/extra`],
        ["missing operation", "projects/my-proj/locations/us-central1/operations"],
        ["wrong collection", "projects/my-proj/regions/us-central1/operations/x"],
        ["uppercase project", "projects/My-Proj/locations/us-central1/operations/x"],
        ["empty", ""],
        ["very long", `projects/my-proj/locations/us-central1/operations/${"a".repeat(5000)}`],
        ["long operation id", `projects/my-proj/locations/us-central1/operations/${"a".repeat(600)}`],
        ["wildcard location", "projects/my-proj/locations/-/operations/x"],
        ["http url", `http://clouddeploy.googleapis.com/v1/${NAME}`],
        ["url with port", `https://clouddeploy.googleapis.com:8443/v1/${NAME}`],
        ["url with credentials", `https://user:pw@clouddeploy.googleapis.com/v1/${NAME}`],
        ["url without version", `https://clouddeploy.googleapis.com/${NAME}`],
        ["host that is not a domain", `//localhost/${NAME}`],
        ["unicode lookalike", "projects/my-proj/locations/us-central1/operations/x\u2028"],
    ];
    test.each(hostile)("rejects %s before any request, naming the field and the expected form", (_label, input) => {
        let error: unknown;
        try {
            parseOperationName(input, "operation");
        } catch (err) {
            error = err;
        }
        expect(error).toBeInstanceOf(InvalidNameError);
        const e = error as InvalidNameError;
        expect(e.field).toBe("operation");
        expect(e.code).toBe("ERR_INVALID_NAME");
        expect(e.message).toMatch(/^operation /);
        expect(e.message.length).toBeLessThan(800);
        // eslint-disable-next-line no-control-regex
        expect(e.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    });

    test("rejects non-strings", () => {
        expect(() => parseOperationName(42 as unknown as string)).toThrow(/must be a string/);
    });

    test("the error shows the expected form", () => {
        expect(() => parseOperationName("operation-123")).toThrow(/projects\/\{project\}\/locations\/\{location\}\/operations\/\{operation\}/);
    });
});

describe("parseParentName", () => {
    test("accepts a parent in each form", () => {
        expect(parseParentName("projects/my-proj/locations/us-west1").name).toBe("projects/my-proj/locations/us-west1");
        expect(parseParentName("//gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1").service).toBe("gkemulticloud");
        expect(parseParentName("https://clouddeploy.googleapis.com/v1/projects/my-proj/locations/us-central1/operations").service).toBe("clouddeploy");
        expect(parseParentName("projects/my-proj/locations/-").location).toBe("-");
    });

    test("rejects an operation name as a parent", () => {
        expect(() => parseParentName(NAME)).toThrow(InvalidNameError);
    });
});

describe("encodeResourcePath", () => {
    test("percent-encodes every segment", () => {
        expect(encodeResourcePath({ project: "example.com:my-proj", location: "global", operation: "op" })).toBe("projects/example.com%3Amy-proj/locations/global/operations/op");
    });
});
