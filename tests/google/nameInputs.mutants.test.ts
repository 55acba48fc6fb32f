/**
 * Name inputs at the parser's edges: the default field a refusal names, a full resource name that is
 * only its service (`//clouddeploy.googleapis.com`, refused as no operation name, not as a bad host), and
 * operation ids of 301 to 500 characters, longer than other resources' ids, accepted all the way to the
 * request URL, while a resource id such as Firestore's `(default)` is no operation id. Mutants of each
 * survived the mutation run (docs/mutation.md).
 */
import { OperationsClient, parseOperationName, parseParentName } from "../../provider/google";
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import { idPatternFor, SEGMENT_PATTERNS } from "../../provider/google/names";
import { nameRefusal as refusal } from "../support/outcome";

const OPERATION_FORM =
    "projects/{project}/locations/{location}/operations/{operation} (or the service's own form, such as " +
    "projects/{project}/instances/{instance}/databases/{database}/operations/{operation}), the same after " +
    "//{service}.googleapis.com/ or https://{service}.googleapis.com/v1/";
const PARENT_FORM =
    "projects/{project}/locations/{location} (or the service's own form, such as projects/{project}/instances/{instance}), " +
    "the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/";

describe("the field a refusal names by default", () => {
    test("operation, for an operation name", () => {
        expect(refusal(() => parseOperationName(42))).toEqual({ field: "operation", message: `operation must be a string; expected ${OPERATION_FORM}` });
    });

    test("parent, for a parent", () => {
        expect(refusal(() => parseParentName(42))).toEqual({ field: "parent", message: `parent must be a string; expected ${PARENT_FORM}` });
    });
});

describe("a full resource name with nothing after its service", () => {
    test("is refused as no operation name, its host being a Google API host", () => {
        expect(refusal(() => parseOperationName("//clouddeploy.googleapis.com"))).toEqual({
            field: "operation",
            message: `operation "//clouddeploy.googleapis.com" is not an operation name; expected ${OPERATION_FORM}`,
        });
    });

    test("is refused as no parent", () => {
        expect(refusal(() => parseParentName("//clouddeploy.googleapis.com"))).toEqual({
            field: "parent",
            message: `parent "//clouddeploy.googleapis.com" is not an operations parent name; expected ${PARENT_FORM}`,
        });
    });
});

describe("operation ids longer than other resources' ids", () => {
    const id = `operation-${"a".repeat(390)}`;
    const name = `projects/my-proj/locations/us-central1/operations/${id}`;

    test("a 400-character id reaches the request URL", () => {
        const client = new OperationsClient({ service: "clouddeploy", credentials: { accessToken: "name-inputs-token" } });
        expect(client.resolveOperation(name).url).toBe(`https://clouddeploy.googleapis.com/v1/${name}`);
    });

    test("the last segment of an operation is checked as an operation id, the last of a parent as its collection's", () => {
        expect(idPatternFor("operations", 2, 3, true)).toBe(SEGMENT_PATTERNS.operation);
        expect(idPatternFor("instances", 1, 2, false)).toBe(SEGMENT_PATTERNS.resource);
        expect(idPatternFor("locations", 1, 2, false)).toBe(SEGMENT_PATTERNS.location);
    });

    test("Firestore's (default), a database id, is refused as an operation id of a hand-made reference", () => {
        const endpoint = { baseUrl: "https://firestore.googleapis.com", apiVersion: "v1" } as ResolvedEndpoint;
        const segments: Array<[string, string]> = [
            ["projects", "my-proj"],
            ["databases", "(default)"],
            ["operations", "(default)"],
        ];
        expect(refusal(() => resourceUrl(endpoint, { name: segments.map(([c, v]) => `${c}/${v}`).join("/"), segments }))).toEqual({
            field: "operation",
            message: 'operation has an invalid operation id "(default)"; no request was sent',
        });
    });
});

describe("a refusal names what is wrong in the words of the name", () => {
    test("an operation id with a character no id has", () => {
        const name = "projects/my-proj/locations/us-central1/operations/bad$id";
        expect(refusal(() => parseOperationName(name))).toEqual({ field: "operation", message: `operation "${name}" has an invalid operation id "bad$id"; expected ${OPERATION_FORM}` });
    });

    test("a tab in a name", () => {
        const name = "projects/my-proj/locations/us-central1/operations/a\tb";
        expect(refusal(() => parseOperationName(name))).toEqual({
            field: "operation",
            message: `operation ${JSON.stringify(name)} contains whitespace or control characters; expected ${OPERATION_FORM}`,
        });
    });
});
