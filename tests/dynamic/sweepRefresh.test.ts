/**
 * The sweep provider's read (refresh) in-process against the emulator: only the operations the last sweep
 * left running are read again, each moved to the list its state shows, the rest kept in their recorded
 * order; a read that fails otherwise than 404 fails the refresh. Through Pulumi's host: tests/sweep/resource.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { useEmulatorPerTest } from "../support/emulator";
import { NO_CONFIG } from "../support/stackConfig";

const PARENT = "projects/my-proj/locations/us-central1";
const op = (id: string) => `${PARENT}/operations/${id}`;

describe("sweep read", () => {
    const { emu, url } = useEmulatorPerTest();
    const recorded = () => ({
        parent: PARENT,
        service: "clouddeploy",
        endpoint: url(),
        apiVersion: "v1",
        accessToken: "emulator-token",
        matched: [op("z-running"), op("cancelled"), op("finished"), op("gone"), op("y-running")],
        cancelled: [],
        alreadyDone: [],
        ended: [],
        stillRunning: [op("z-running"), op("cancelled"), op("finished"), op("gone"), op("y-running")],
        failures: [],
        cancelRequested: [op("z-running"), op("cancelled"), op("y-running")],
        counts: { listed: 5, matched: 5, cancelled: 0, alreadyDone: 0, ended: 0, running: 5, failed: 0, skipped: 0 },
        message: "recorded",
    });

    test("each operation left running goes where its state says; those still running keep their order; nothing is listed or cancelled", async () => {
        emu().addMany(
            { name: op("z-running") },
            { name: op("y-running") },
            { name: op("cancelled"), doneAfterMs: 0, result: { error: { code: 1, message: "Operation was cancelled." } } },
            { name: op("finished"), doneAfterMs: 0 },
        );
        const provider = createSweepProvider({ config: NO_CONFIG });
        const { id, props } = await provider.read!("sweep-id", recorded());
        expect(id).toBe("sweep-id");
        expect(props).toMatchObject({
            cancelled: [op("cancelled")],
            alreadyDone: [op("finished"), op("gone")],
            ended: [],
            stillRunning: [op("z-running"), op("y-running")],
            counts: { listed: 5, matched: 5, cancelled: 1, alreadyDone: 2, ended: 0, running: 2, failed: 0, skipped: 0 },
            message: `${PARENT}: refreshed the 5 operation(s) left running: 3 done since, 2 still running`,
        });
        expect(emu().count({ rpc: "get" })).toBe(5);
        expect(emu().count({ rpc: "list" })).toBe(0);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("nothing left running: nothing is read and the props stay as recorded", async () => {
        const provider = createSweepProvider({ config: NO_CONFIG });
        const props = { ...recorded(), stillRunning: [] };
        expect(await provider.read!("sweep-id", props)).toEqual({ id: "sweep-id", props });
        expect(emu().requests).toEqual([]);
    });

    test("a read refused otherwise than 404 fails the refresh", async () => {
        emu().addMany({ name: op("z-running"), denied: ["get"] }, { name: op("y-running") }, { name: op("cancelled") }, { name: op("finished") });
        const provider = createSweepProvider({ config: NO_CONFIG });
        await expect(provider.read!("sweep-id", recorded())).rejects.toThrow(/403 PERMISSION_DENIED/);
    });
});
