/**
 * A duration input (`timeout`, a sweep's `olderThan`) of the wrong type is refused in check with its own
 * reason, naming the property (a path the mutation run found no test reaching, docs/mutation.md).
 */
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { NO_CONFIG } from "../support/stackConfig";

const NAME = "projects/my-proj/locations/us-central1/operations/op-1";

describe("a duration input that is neither a string nor a number", () => {
    test.each<[string, unknown, string]>([
        ["true", true, "true"],
        ["an object", { minutes: 20 }, '{"minutes":20}'],
        ["a list", ["20m"], '["20m"]'],
    ])("timeout given as %s is refused, quoting the value", async (_what, timeout, shown) => {
        const result = await createCancellationProvider({ config: NO_CONFIG }).check!({}, { operation: NAME, service: "clouddeploy", timeout });
        expect(result.failures).toEqual([{ property: "timeout", reason: `timeout must be a duration such as "90s" or "20m"; got ${shown}` }]);
    });

    test("a sweep's olderThan given as true is refused the same way", async () => {
        const result = await createSweepProvider({ config: NO_CONFIG }).check!({}, { parent: "projects/my-proj/locations/us-central1", service: "clouddeploy", olderThan: true });
        expect(result.failures).toEqual([{ property: "olderThan", reason: 'olderThan must be a duration such as "90s" or "20m"; got true' }]);
    });
});
