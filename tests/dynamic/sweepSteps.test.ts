/**
 * The sweep provider's create and delete in-process against the emulator: when each cancelOn sweeps, what a
 * create that does not sweep records, a delete that confirms what an earlier sweep cancelled without a second
 * cancel, and each selection input reaching the sweep. Through Pulumi's host: tests/sweep/resource.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";
import { EMPTY_SWEEP_COUNTS, EMPTY_SWEEP_LISTS } from "./support";

const PARENT = "projects/my-proj/locations/us-central1";
const op = (id: string) => `${PARENT}/operations/${id}`;
// The token comes from stack config, as in a stack: recorded outputs (all delete sees) never hold it.
const provider = createSweepProvider({ config: EMULATOR_TOKEN_CONFIG });

describe("sweep create and delete", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ parent: PARENT, service: "clouddeploy", endpoint: url(), ...extra });

    test('cancelOn "delete": create lists nothing and records an empty sweep that says so; delete sweeps', async () => {
        emu().addMany({ name: op("a") }, { name: op("b") });
        const { id, outs } = await provider.create!(inputs({ cancelOn: "delete" }));
        expect(id.startsWith(`${PARENT}/sweeps/`)).toBe(true);
        expect(emu().requests).toEqual([]);
        expect(outs).toMatchObject({
            ...EMPTY_SWEEP_LISTS,
            lastSweptAt: null,
            message: `${PARENT}: nothing swept yet; the sweep runs when the resource is deleted (cancelOn: "delete")`,
        });
        expect(outs.counts).toEqual(EMPTY_SWEEP_COUNTS);
        expect(JSON.stringify(outs)).not.toContain("emulator-token");
        await provider.delete!(id, outs);
        expect(emu().count({ rpc: "cancel" })).toBe(2);
        expect(emu().get(op("a"))).toMatchObject({ done: true, error: { code: 1 } });
    });

    test('cancelOn "create": delete sends nothing', async () => {
        emu().add({ name: op("a") });
        const { id, outs } = await provider.create!(inputs());
        expect(outs).toMatchObject({ cancelled: [op("a")] });
        emu().resetLog();
        await provider.delete!(id, outs);
        expect(emu().requests).toEqual([]);
    });

    test('cancelOn "both": create sweeps; delete sweeps again and only confirms what create cancelled', async () => {
        emu().add({ name: op("early"), cancel: "ignore" });
        const { id, outs } = await provider.create!(inputs({ cancelOn: "both", wait: false }));
        expect(outs).toMatchObject({ cancelRequested: [op("early")] });
        expect(emu().count({ rpc: "cancel" })).toBe(1);
        emu().add({ name: op("late") });
        emu().resetLog();
        await provider.delete!(id, outs);
        expect(emu().count({ rpc: "cancel", operation: op("late") })).toBe(1);
        expect(emu().count({ rpc: "cancel", operation: op("early") })).toBe(0);
    });

    test.each([
        ["target", { target: "projects/my-proj/locations/us-central1/targets/prod" }, ["prod-op"]],
        ["targetPrefix", { targetPrefix: "projects/my-proj/locations/us-central1/targets/st" }, ["staging-op"]],
        ["verbs", { verbs: ["delete"] }, ["staging-op"]],
        ["olderThan", { olderThan: "1h" }, ["old-op"]],
    ])("the %s input selects what create cancels", async (_input, selection, expected) => {
        const now = Date.now();
        emu().addMany(
            { name: op("prod-op"), target: "projects/my-proj/locations/us-central1/targets/prod", verb: "create", createTime: new Date(now - 60_000).toISOString() },
            { name: op("staging-op"), target: "projects/my-proj/locations/us-central1/targets/staging", verb: "delete", createTime: new Date(now - 60_000).toISOString() },
            { name: op("old-op"), target: "projects/my-proj/locations/us-central1/targets/old", verb: "create", createTime: new Date(now - 3 * 3_600_000).toISOString() },
        );
        const { outs } = await provider.create!(inputs(selection));
        expect(outs.cancelled).toEqual(expected.map(op));
        expect(emu().count({ rpc: "cancel" })).toBe(expected.length);
    });

    test("the filter input goes to the listing as the filter parameter", async () => {
        emu().add({ name: op("a") });
        await provider.create!(inputs({ filter: "done=false", dryRun: true }));
        const list = emu().requests.find((r) => r.rpc === "list");
        expect(new URL(list!.url, "http://x").searchParams.get("filter")).toBe("done=false");
    });
});
