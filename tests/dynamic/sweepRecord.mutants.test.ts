/**
 * Two things of the sweep provider that the mutation run found untested in-process (docs/mutation.md): the
 * failures it records are in name order whatever order the listing gave, and every scope key (the last one,
 * universeDomain, included) replaces the resource when unknown. The scope keys are a module constant: the
 * provider is loaded inside the test so that the mutation run counts this test as reaching them.
 */
import type { createSweepProvider as CreateSweepProvider } from "../../provider/dynamic/sweepProvider";
import { UNKNOWN } from "../../provider/dynamic/inputs";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";

const PARENT = "projects/my-proj/locations/us-central1";
const op = (id: string) => `${PARENT}/operations/${id}`;

/** The provider from a fresh load of its module (so its module constants are evaluated in the test). */
function freshProvider(): ReturnType<typeof CreateSweepProvider> {
    let provider: ReturnType<typeof CreateSweepProvider> | undefined;
    jest.isolateModules(() => {
        const { createSweepProvider } = require("../../provider/dynamic/sweepProvider") as { createSweepProvider: typeof CreateSweepProvider };
        provider = createSweepProvider({ config: EMULATOR_TOKEN_CONFIG });
    });
    if (!provider) throw new Error("the sweep provider did not load");
    return provider;
}

describe("the sweep's record", () => {
    const { emu, url } = useEmulatorPerTest();

    test("failures are recorded in name order, not in the order the listing gave them", async () => {
        for (const id of ["delta", "alpha", "charlie", "bravo", "echo"]) emu().add({ name: op(id), denied: ["cancel"] });
        const { outs } = await freshProvider().create!({ parent: PARENT, service: "clouddeploy", endpoint: url(), ifFailures: "ignore" });
        const failures = outs.failures as Array<{ name: string; status: string | null }>;
        expect(failures.map((f) => f.name)).toEqual(["alpha", "bravo", "charlie", "delta", "echo"].map(op));
        expect(failures.every((f) => f.status === "PERMISSION_DENIED")).toBe(true);
        expect(emu().requests.filter((r) => r.rpc === "list").length).toBeGreaterThanOrEqual(1);
    });

    test.each(["parent", "project", "location", "service", "endpoint", "apiVersion", "universeDomain"])("an unknown %s replaces the sweep", async (key) => {
        const olds = { parent: PARENT, service: "clouddeploy", endpoint: "https://clouddeploy.googleapis.com", apiVersion: "v1", olderThan: "1800s", timeout: "20m", stillRunning: [], failures: [] };
        const diff = await freshProvider().diff!("id", olds, { parent: PARENT, service: "clouddeploy", olderThan: "1800s", [key]: UNKNOWN });
        expect(diff).toEqual({ changes: true, replaces: ["parent"], deleteBeforeReplace: false });
    });
});
