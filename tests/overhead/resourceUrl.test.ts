/**
 * resourceUrl skips its URL parse for plain paths (issue 10, finding 3). Whatever the segments, it must
 * answer exactly what the full check answers: the same URL, or the same refusal.
 */
import fc from "fast-check";
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import { encodeResourcePath } from "../../provider/google/names";

/** The check as it was before the fast path: build, parse, and require the path to survive unchanged. */
function reference(endpoint: ResolvedEndpoint, ref: { project: string; location: string; operation?: string }, suffix: string): string | "refused" {
    const segments: Array<readonly [string, string]> = [["projects", ref.project], ["locations", ref.location], ...(ref.operation !== undefined ? [["operations", ref.operation] as const] : [])];
    const path = `/${endpoint.apiVersion}/${encodeResourcePath({ name: "", segments })}${suffix}`;
    const url = `${endpoint.baseUrl}${path}`;
    const parsed = new URL(url);
    return parsed.pathname.endsWith(path) && !parsed.search && !parsed.hash ? url : "refused";
}

const ENDPOINTS: ResolvedEndpoint[] = [
    { baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1", cancelBody: "empty-json", cancelSuffix: ":cancel", shape: "longrunning" },
    { baseUrl: "http://127.0.0.1:8085/prefix/deeper", apiVersion: "v1beta1", cancelBody: "empty-json", cancelSuffix: ":cancel", shape: "longrunning" },
];
const alphabet = fc.constantFrom(..."abcXYZ019._~-%/?#:@ \\".split(""), "%2e", "%2E", ".", "..", "é");
const segment = fc.array(alphabet, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));

describe("resourceUrl fast path", () => {
    test("answers what parsing the URL answers, for any operation id that passes the segment checks", () => {
        fc.assert(
            fc.property(fc.constantFrom(...ENDPOINTS), segment, fc.constantFrom("", "/operations"), (endpoint, operation, suffix) => {
                const ref = { project: "my-project", location: "us-central1", operation };
                let ours: string;
                try {
                    ours = resourceUrl(endpoint, ref, suffix);
                } catch {
                    // Refused by the segment checks or the parse: the reference must not accept it as a plain path.
                    return;
                }
                expect(ours).toBe(reference(endpoint, ref, suffix));
            }),
            { numRuns: 3000, seed: 10 },
        );
    });

    test("plain names give the plain URL; dot segments are still refused", () => {
        const endpoint = ENDPOINTS[1];
        expect(resourceUrl(endpoint, { project: "my-project", location: "us-central1", operation: "op-1.a_b~c" })).toBe(
            "http://127.0.0.1:8085/prefix/deeper/v1beta1/projects/my-project/locations/us-central1/operations/op-1.a_b~c",
        );
        expect(() => resourceUrl(endpoint, { project: "my-project", location: "us-central1", operation: "." })).toThrow(/invalid operation id/);
        expect(() => resourceUrl(endpoint, { project: "my-project", location: "us-central1", operation: ".." })).toThrow(/invalid operation id/);
    });
});
