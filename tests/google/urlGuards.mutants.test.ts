/**
 * The request path's own guards (`resourceUrl`, after the name checks), for references made by hand: each
 * refused id is named by its place (the project, a collection's id, the operation id, the last id of a
 * listing's parent), quoted at most 120 characters long, and a reference with no segments is refused like
 * one that does not start with projects/ (survivors of the mutation run, docs/mutation.md).
 */
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import type { NameSegment } from "../../provider/google/names";
import { nameRefusal as refusal } from "../support/outcome";

const endpoint = { baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1" } as ResolvedEndpoint;
const byHand = (segments: NameSegment[]) => ({ name: segments.map(([c, id]) => `${c}/${id}`).join("/"), segments });

describe("a request path refused by its own guards names the id by its place", () => {
    test.each<[string, NameSegment[], string]>([
        ["the project", [["projects", "Bad_Proj"], ["locations", "us-central1"], ["operations", "op-1"]], 'operation has an invalid project "Bad_Proj"; no request was sent'],
        ["a collection's id", [["projects", "my-proj"], ["locations", "Bad Loc"], ["operations", "op-1"]], 'operation has an invalid locations id "Bad Loc"; no request was sent'],
        ["the operation id", [["projects", "my-proj"], ["locations", "us-central1"], ["operations", "op 1"]], 'operation has an invalid operation id "op 1"; no request was sent'],
    ])("%s", (_place, segments, message) => {
        expect(refusal(() => resourceUrl(endpoint, byHand(segments), ":cancel"))).toEqual({ field: "operation", message });
    });

    test("a listing's parent: its last id is the location's, not an operation id", () => {
        expect(refusal(() => resourceUrl(endpoint, { project: "my-proj", location: "Bad Loc" }, "/operations", "parent"))).toEqual({
            field: "parent",
            message: 'parent has an invalid locations id "Bad Loc"; no request was sent',
        });
    });

    test("a refused id is quoted cut to 120 characters", () => {
        const id = `${"x".repeat(130)}!`;
        expect(refusal(() => resourceUrl(endpoint, byHand([["projects", "my-proj"], ["locations", "us-central1"], ["operations", id]])))).toEqual({
            field: "operation",
            message: `operation has an invalid operation id ${JSON.stringify("x".repeat(120))}; no request was sent`,
        });
    });

    test("a reference with no segments is refused as not starting with projects/", () => {
        expect(refusal(() => resourceUrl(endpoint, { name: "", segments: [] }))).toEqual({ field: "operation", message: "operation does not start with projects/; no request was sent" });
    });
});
