import { InvalidNameError, OperationsClient, encodeResourcePath, operationNameFromParts, parseOperationName, parseParentName } from "../../provider/google";
import { resolveEndpoint } from "../../provider/google/endpoint";
import { thrownBy } from "../support/outcome";

const NAME = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

describe("parseOperationName", () => {
    test("accepts the plain name", () => {
        expect(parseOperationName(NAME)).toEqual({
            project: "my-proj",
            location: "us-central1",
            operation: "operation-1732000000000-abc",
            parent: "projects/my-proj/locations/us-central1",
            name: NAME,
            segments: [
                ["projects", "my-proj"],
                ["locations", "us-central1"],
                ["operations", "operation-1732000000000-abc"],
            ],
        });
    });

    test("accepts another service's name form: the segments as given, the location global when none is named", () => {
        const ref = parseOperationName("projects/my-proj/instances/inst-1/databases/db_2/operations/_auto_op_123");
        expect(ref).toMatchObject({ project: "my-proj", location: "global", operation: "_auto_op_123", parent: "projects/my-proj/instances/inst-1/databases/db_2" });
        expect(ref.segments?.map(([c]) => c)).toEqual(["projects", "instances", "databases", "operations"]);
        expect(parseOperationName("projects/my-proj/zones/us-central1-a/operations/operation-1").location).toBe("us-central1-a");
        expect(parseParentName("projects/my-proj/instances/inst-1").name).toBe("projects/my-proj/instances/inst-1");
        // Firestore's default database, the one id with parentheses.
        expect(parseOperationName("projects/my-proj/databases/(default)/operations/ABC123").parent).toBe("projects/my-proj/databases/(default)");
        expect(() => parseOperationName("projects/my-proj/databases/(other)/operations/ABC123")).toThrow(/invalid databases id "\(other\)"/);
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
        ["operations before the end", "projects/my-proj/operations/x/locations/us-central1/operations/y"],
        ["not under a project", "folders/123/locations/global/operations/x"],
        ["collection with a dash", "projects/my-proj/my-things/t/operations/x"],
        ["wildcard instance", "projects/my-proj/instances/-/operations/x"],
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
        const error = thrownBy(() => parseOperationName(input, "operation"));
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
        expect(encodeResourcePath(parseOperationName("projects/example.com:my-proj/locations/global/operations/op"))).toBe("projects/example.com%3Amy-proj/locations/global/operations/op");
        expect(encodeResourcePath(parseOperationName("projects/example.com:my-proj/instances/i~1/databases/d_2/operations/op"))).toBe(
            "projects/example.com%3Amy-proj/instances/i~1/databases/d_2/operations/op",
        );
    });
});

describe("an invalid project says why, with Google's rule, not the name's form", () => {
    const RULE = /a project id is 6 to 30 characters: a lowercase letter first, then lowercase letters, digits and hyphens, not ending with a hyphen \(e\.g\. my-project\); a domain-scoped id \(example\.com:my-project\) and a project number \(123456789012\) are accepted too/;

    function messageOf(parse: () => unknown): string {
        const err = thrownBy(parse);
        expect(err).toBeInstanceOf(InvalidNameError);
        return (err as InvalidNameError).message;
    }

    const cases: Array<[string, string, RegExp]> = [
        ["too short", "p", /has an invalid project "p": it is 1 character long; /],
        ["five characters", "short", /invalid project "short": it is 5 characters long; /],
        ["too long", "a".repeat(31), /invalid project "a{31}": it is 31 characters long; /],
        ["uppercase", "My-Project", /invalid project "My-Project": it has uppercase letters; /],
        ["an underscore", "bad_project", /invalid project "bad_project": it contains "_"; /],
        ["a digit first", "1project", /invalid project "1project": it does not start with a lowercase letter; /],
        ["a trailing hyphen", "my-project-", /invalid project "my-project-": it ends with a hyphen; /],
        ["a short id after a domain", "example.com:demo", /invalid project "example\.com:demo": the project id "demo" after the domain breaks the rule: it is 4 characters long; /],
        ["a domain that is not one", "example:my-project", /invalid project "example:my-project": the domain "example" of this domain-scoped id is not a domain name such as example\.com; /],
        ["a project number over 20 digits", "1".repeat(21), /invalid project "1{21}": it is a project number of 21 digits, more than 20; /],
    ];

    test.each(cases)("%s (an operation name)", (_label, project, reason) => {
        const input = `projects/${project}/locations/us-west1/operations/op-123`;
        const message = messageOf(() => parseOperationName(input, "operation"));
        expect(message).toMatch(/^operation "projects\//);
        expect(message).toMatch(reason);
        expect(message).toMatch(RULE);
        // The input already has the form: the message no longer quotes it back.
        expect(message).not.toMatch(/expected projects\/\{project\}/);
    });

    test.each(cases)("%s (a parent)", (_label, project, reason) => {
        const message = messageOf(() => parseParentName(`projects/${project}/locations/us-west1`, "parent"));
        expect(message).toMatch(/^parent "projects\//);
        expect(message).toMatch(reason);
        expect(message).toMatch(RULE);
    });

    test("a bare id completed with a short project says why too", () => {
        const message = messageOf(() => operationNameFromParts("demo", "us-central1", "deploy-1"));
        expect(message).toBe(
            'operation "projects/demo/locations/us-central1/operations/deploy-1" has an invalid project "demo": it is 4 characters long; a project id is 6 to 30 characters: a lowercase letter first, then lowercase letters, digits and hyphens, not ending with a hyphen (e.g. my-project); a domain-scoped id (example.com:my-project) and a project number (123456789012) are accepted too',
        );
    });

    test("the boundaries of the rule are accepted", () => {
        for (const project of ["abcdef", `a${"b".repeat(29)}`, "my-project", "a1-2-3", "example.com:my-project", "1", "1".repeat(20)]) {
            expect(parseParentName(`projects/${project}/locations/us-west1`).project).toBe(project);
        }
    });

    test("other segments still quote the expected form", () => {
        expect(messageOf(() => parseOperationName("projects/my-project/locations/US/operations/x"))).toMatch(/has an invalid location "US"; expected projects\/\{project\}/);
    });
});

describe("parsed references", () => {
    test("are frozen as validated, so the client trusts them without parsing again; a changed copy is validated again", () => {
        const ref = parseOperationName("projects/my-proj/instances/inst/databases/db/operations/op-1");
        expect(Object.isFrozen(ref)).toBe(true);
        expect(Object.isFrozen(ref.segments)).toBe(true);
        const client = new OperationsClient({ credentials: { accessToken: "t" } });
        expect(client.resolveOperation(ref).ref).toBe(ref);
        expect(() => client.resolveOperation({ ...ref, operation: "op-2" })).toThrow(/must be a name such as/);
        expect(() => client.resolveParent(ref)).toThrow(/must be a name such as/);
    });
});
