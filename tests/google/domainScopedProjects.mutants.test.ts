/**
 * An answer may name the project by its number when the name asked gave the project's id, and a
 * domain-scoped id whose domain starts with digits (`1password.com:my-proj`) is an id, not a number: "a
 * number" is all digits to the end (a mutant that dropped the `$` of that check survived the mutation run,
 * docs/mutation.md).
 */
import { parseOperationName } from "../../provider/google/names";
import { checkSameOperation } from "../../provider/google/validate";

const tail = "locations/us-central1/operations/op-1";

describe("a domain-scoped project whose domain starts with digits", () => {
    test("the answer may name it by its project number", () => {
        const asked = parseOperationName(`projects/1password.com:my-proj/${tail}`);
        const byNumber = `projects/123456789012/${tail}`;
        expect(checkSameOperation({ name: byNumber }, asked, { method: "get", resource: asked.name })).toEqual({ name: byNumber });
    });

    test("asked by its number, an answer naming another number is refused", () => {
        const asked = parseOperationName(`projects/123456789012/${tail}`);
        const other = `projects/999999999999/${tail}`;
        expect(() => checkSameOperation({ name: other }, asked, { method: "get", resource: asked.name })).toThrow(`it names the operation ${JSON.stringify(other)}, not ${asked.name}`);
    });
});
