/**
 * In the dynamic-provider host, a sweep's passing status goes to the resource's own row of the `pulumi`
 * display: the row drops the label and parent that the stdout line starts with, since the row already
 * names the resource (survivor sweepProvider.ts:243 of mutation run 8, docs/mutation.md). The host's engine
 * log is stood in for by a recording log, installed where `hostEngineLog` finds it.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG, useClearedGoogleScope } from "../support/stackConfig";
import { installHostEngineLog, recordingEngineLog } from "./support";

useClearedGoogleScope();

const PARENT = "projects/my-proj/locations/us-central1";
const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationSweep::leftovers";

describe("the sweep resource's row in the engine display", () => {
    const { emu, url } = useEmulatorPerTest();
    let log = recordingEngineLog(true);
    let restore: () => void = () => undefined;

    beforeEach(() => {
        log = recordingEngineLog(true);
        restore = installHostEngineLog(log);
    });
    afterEach(() => restore());

    test("a throttled sweep's row reads without the label and parent; nothing goes to stdout", async () => {
        emu().addMany({ name: `${PARENT}/operations/throttled` });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryDelay: "1s" }, times: 1 });
        const stdout = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            const provider = createSweepProvider({ config: EMULATOR_TOKEN_CONFIG });
            const { outs } = await provider.create!({ parent: PARENT, service: "clouddeploy", endpoint: url(), __urn: URN });
            expect(outs.counts).toMatchObject({ matched: 1, cancelled: 1 });
            expect(stdout).not.toHaveBeenCalled();
        } finally {
            stdout.mockRestore();
        }
        const rows = log.sent.filter((e) => e.ephemeral).map((e) => e.message);
        const throttled = rows.filter((row) => row.includes("asked to slow down"));
        expect(throttled).toHaveLength(1);
        expect(throttled[0]).toMatch(/^the API asked to slow down \(429\); every request of the sweep waits \d/);
        expect(rows[0]).toBe(`sweeping ${PARENT} (${url()})`);
        expect(log.sent.every((e) => e.urn === URN)).toBe(true);
    });
});
