/**
 * A refused collection of a hand-built reference is quoted in the message cut to 120 characters, however long
 * it is (a mutant that dropped the cut survived the mutation run, docs/mutation.md).
 */
import { InvalidNameError } from "../../provider/google";
import { resourceUrl, type ResolvedEndpoint } from "../../provider/google/endpoint";
import { thrownBy } from "../support/outcome";

describe("a long invalid collection in a hand-built reference", () => {
    test("is quoted only up to 120 characters", () => {
        const endpoint = { baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1" } as ResolvedEndpoint;
        const collection = `bad collection ${"x".repeat(5_000)}`;
        const segments: Array<[string, string]> = [["projects", "my-proj"], [collection, "x"], ["operations", "o"]];
        const err = thrownBy(() => resourceUrl(endpoint, { name: segments.map(([c, id]) => `${c}/${id}`).join("/"), segments }));
        expect(err).toBeInstanceOf(InvalidNameError);
        expect((err as Error).message).toBe(`operation has an invalid collection ${JSON.stringify(collection.slice(0, 120))}; no request was sent`);
    });
});
