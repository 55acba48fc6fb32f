/**
 * `quotaProject` is a project id from its first character to its last (mutants that dropped the pattern's `^`
 * or `$` survived the mutation run, docs/mutation.md).
 */
import { InvalidOptionError, OperationsClient } from "../../provider/google";
import { thrownBy } from "../support/outcome";

describe("quotaProject", () => {
    test.each(["-billing-proj", ".billing-proj", "!billing-proj", " billing-proj", "Billing-proj"])("%j is refused: a project id starts with a lower-case letter or digit", (quotaProject) => {
        const err = thrownBy(() => new OperationsClient({ credentials: { accessToken: "t" }, quotaProject }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("quotaProject");
        expect((err as Error).message).toBe(`quotaProject ${JSON.stringify(quotaProject)} must be a project id`);
    });

    test.each(["my-proj!", "my-proj x", "my-proj/", "a"])("%j is refused: the pattern holds to the last character (and a one-character id is too short)", (quotaProject) => {
        const err = thrownBy(() => new OperationsClient({ credentials: { accessToken: "t" }, quotaProject }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("quotaProject");
        expect((err as Error).message).toBe(`quotaProject ${JSON.stringify(quotaProject)} must be a project id`);
    });

    test.each(["billing-proj", "billing-proj-1", "0billing", "example.com:billing-proj"])("%j is accepted", (quotaProject) => {
        expect(() => new OperationsClient({ credentials: { accessToken: "t" }, quotaProject })).not.toThrow();
    });
});
