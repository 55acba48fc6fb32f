/**
 * The README's rule "names with '..' are refused" holds everywhere: three independent guards (the
 * input, each segment, the final request path), each tested on its own so that none can quietly
 * depend on another.
 */
import { InvalidNameError, OperationsClient, parseOperationName } from "../../provider/google";
import { resolveEndpoint, resourceUrl } from "../../provider/google/endpoint";
import { SEGMENT_PATTERNS, checkSegment, refuseDotDot } from "../../provider/google/names";

const NAME = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

describe("the three '..' guards, each on its own", () => {
    const FORM = "projects/{project}/locations/{location}/operations/{operation}";

    test("1. refuseDotDot: '..' anywhere in the input, inside a segment too", () => {
        for (const raw of ["op..x", "projects/p/../x", "..", "a..", "..a"]) {
            expect(() => refuseDotDot("operation", raw, FORM)).toThrow(InvalidNameError);
            expect(() => refuseDotDot("operation", raw, FORM)).toThrow(/contains '\.\.'/);
        }
        for (const raw of ["op.x", "a.b.c", NAME]) expect(() => refuseDotDot("operation", raw, FORM)).not.toThrow();
    });

    test("2. checkSegment: a segment that is or contains a dot segment, even when its pattern would allow it", () => {
        const permissive = /^[A-Za-z0-9._-]+$/;
        for (const value of [".", "..", "op..x", "a..b..c"]) {
            expect(() => checkSegment("operation", NAME, "operation id", value, permissive, FORM)).toThrow(InvalidNameError);
        }
        expect(() => checkSegment("operation", NAME, "operation id", "op.x", permissive, FORM)).not.toThrow();
        // And the operation id pattern on its own refuses '..' as well.
        expect(SEGMENT_PATTERNS.operation.test("op..x")).toBe(false);
        expect(SEGMENT_PATTERNS.operation.test("op.x")).toBe(true);
        expect(SEGMENT_PATTERNS.project.test("example..com:my-proj")).toBe(false);
    });

    test("3. resourceUrl: a reference built by hand (never parsed) cannot make a path other than its own", () => {
        const endpoint = resolveEndpoint({ project: "p", location: "l", name: "projects/p/locations/l" }, { endpoint: "http://127.0.0.1:1" });
        for (const ref of [
            { project: "my-proj", location: "us-central1", operation: ".." },
            { project: "my-proj", location: "us-central1", operation: "." },
            { project: "my-proj", location: "..", operation: "x" },
            { project: "..", location: "us-central1", operation: "x" },
            { project: "my-proj", location: "us-central1", operation: "op..x" },
            { project: "my-proj", location: "us-central1", operation: "a/b" },
        ]) {
            expect(() => resourceUrl(endpoint, ref)).toThrow(InvalidNameError);
        }
        expect(resourceUrl(endpoint, { project: "my-proj", location: "us-central1", operation: "op.x" })).toBe("http://127.0.0.1:1/v1/projects/my-proj/locations/us-central1/operations/op.x");
    });

    test("the client refuses a hand-built reference with a dot segment before any request", async () => {
        const client = new OperationsClient({ endpoint: "http://127.0.0.1:1", credentials: { accessToken: "x-token-123" } });
        const ref = { ...parseOperationName(NAME), operation: ".." };
        await expect(client.getOperation(ref)).rejects.toBeInstanceOf(InvalidNameError);
        expect(client.requestCount).toBe(0);
    });
});
