/**
 * An answer may name the project by its number only when the name asked gave the project's id; "a number" is
 * all digits, at either end (mutants that dropped a `^` survived the mutation run, docs/mutation.md).
 */
import { parseOperationName } from "../../provider/google/names";
import { checkSameOperation } from "../../provider/google/validate";

const tail = "locations/us-central1/operations/op-1";

describe("a project number in an answer", () => {
    test("a project that only ends with digits is another project, not a number", () => {
        const asked = parseOperationName(`projects/my-proj/${tail}`);
        const name = `projects/other123/${tail}`;
        expect(() => checkSameOperation({ name }, asked, { method: "get", resource: asked.name })).toThrow(`it names the operation ${JSON.stringify(name)}, not ${asked.name}`);
    });

    test("a project id that ends with digits is an id: the answer may name the project by its number", () => {
        const asked = parseOperationName(`projects/my-proj1/${tail}`);
        const byNumber = `projects/123456789012/${tail}`;
        expect(checkSameOperation({ name: byNumber }, asked, { method: "get", resource: asked.name }).name).toBe(byNumber);
    });
});
