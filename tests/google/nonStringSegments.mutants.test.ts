/**
 * A reference made by hand whose collection or id is not a string is refused before any request, even when
 * its string form reads as a valid one (`locations`, or `projects` first; `us-central1`): the request path is built
 * only from strings that passed the checks (mutants that judged a non-string by its string form survived
 * the mutation run, docs/mutation.md).
 */
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import type { NameSegment } from "../../provider/google/names";
import { nameRefusal } from "../support/outcome";

const endpoint = { baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1" } as ResolvedEndpoint;
const NAME = "projects/my-proj/locations/us-central1/operations/op-1";
/** An object that reads as `text` wherever it is made a string. */
const readsAs = (text: string) => ({ toString: () => text }) as unknown as string;

describe("a collection that is not a string", () => {
    test.each<[string, NameSegment[], string]>([
        ["the location's", [["projects", "my-proj"], [readsAs("locations"), "us-central1"], ["operations", "op-1"]], "locations"],
        ["the project's", [[readsAs("projects"), "my-proj"], ["locations", "us-central1"], ["operations", "op-1"]], "projects"],
    ])("%s is refused as an invalid collection", (_which, segments, shown) => {
        expect(nameRefusal(() => resourceUrl(endpoint, { name: NAME, segments }, ":cancel"))).toEqual({ field: "operation", message: `operation has an invalid collection ${JSON.stringify(shown)}; no request was sent` });
    });
});

describe("an id that is not a string", () => {
    test.each<[string, NameSegment[], string]>([
        ["the project", [["projects", readsAs("my-proj")], ["locations", "us-central1"], ["operations", "op-1"]], 'operation has an invalid project "my-proj"'],
        ["the location's", [["projects", "my-proj"], ["locations", readsAs("us-central1")], ["operations", "op-1"]], 'operation has an invalid locations id "us-central1"'],
        ["the operation's", [["projects", "my-proj"], ["locations", "us-central1"], ["operations", readsAs("op-1")]], 'operation has an invalid operation id "op-1"'],
    ])("%s is refused, named by its place", (_which, segments, message) => {
        expect(nameRefusal(() => resourceUrl(endpoint, { name: NAME, segments }, ":cancel"))).toEqual({ field: "operation", message: `${message}; no request was sent` });
    });
});
