/**
 * Why a sweep step fails, word for word, in-process against the emulator (paths the mutation run found no test
 * reaching, docs/mutation.md): more failures than the message shows, operations still running when the wait
 * ends, a listing that failed, a sweep with no parent, and a changed service replacing the resource.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { ResourceInitError } from "../../provider/dynamic/initError";
import { InvalidOptionError } from "../../provider/google";
import { rejectionOf } from "../support/outcome";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";

const PARENT = "projects/my-proj/locations/us-central1";
const op = (id: string) => `${PARENT}/operations/${id}`;
const provider = createSweepProvider({ config: EMULATOR_TOKEN_CONFIG });

describe("why a sweep step fails", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ parent: PARENT, service: "clouddeploy", endpoint: url(), ...extra });

    test("seven failures: five are shown, and the message says how many more the failures output holds", async () => {
        const ids = ["a", "b", "c", "d", "e", "f", "g"];
        for (const id of ids) emu().add({ name: op(id), denied: ["cancel"] });
        const err = await rejectionOf(provider.create!(inputs()));
        expect(err).toBeInstanceOf(ResourceInitError);
        const message = (err as Error).message;
        expect(message).toMatch(/^OperationSweep: .*\. 7 of 7 matched operations failed: /);
        for (const id of ids.slice(0, 5)) expect(message).toContain(`${op(id)}: `);
        for (const id of ids.slice(5)) expect(message).not.toContain(`${op(id)}: `);
        expect(message).toContain(`; and 2 more (see the failures output). Fix the cause (permissions, service), or set ifFailures: "ignore" to record failures and go on`);
        expect(((err as ResourceInitError).properties.failures as unknown[]).length).toBe(7);
    });

    test("five failures are all shown, with no 'more'", async () => {
        for (const id of ["a", "b", "c", "d", "e"]) emu().add({ name: op(id), denied: ["cancel"] });
        const message = ((await rejectionOf(provider.create!(inputs()))) as Error).message;
        expect(message).toContain("5 of 5 matched operations failed: ");
        expect(message).not.toContain("more (see the failures output)");
    });

    test("operations still running when the wait ends: the message counts them and says what to change", async () => {
        emu().addMany({ name: op("a"), cancel: "ignore" }, { name: op("b"), cancel: "ignore" });
        const err = await rejectionOf(provider.create!(inputs({ timeout: "1s" })));
        expect(err).toBeInstanceOf(ResourceInitError);
        expect((err as Error).message).toBe(
            `OperationSweep: ${PARENT}: 2 running operations matched of 2 listed: 0 cancelled, 2 still running. ` +
                "2 operation(s) were still running after 1.0s (cancel requested where possible); raise timeout, or set wait: false. " +
                "What was done is recorded; the next `pulumi up` sweeps again",
        );
        expect((err as ResourceInitError).properties).toMatchObject({ stillRunning: [op("a"), op("b")] });
    });

    test("a listing that failed: the recorded message says so, after what was swept", async () => {
        emu().add({ name: op("a") });
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const err = await rejectionOf(provider.create!(inputs()));
        expect(err).toBeInstanceOf(ResourceInitError);
        const recorded = (err as ResourceInitError).properties;
        expect(recorded.message).toMatch(/; listing failed$/);
        expect(recorded.listFailed).toBe(true);
        expect((err as Error).message).toContain("clouddeploy.operations.list");
    });

    test("no parent, project or location: the refusal names what to set, stack config and environment included", async () => {
        const err = await rejectionOf(provider.create!({ service: "clouddeploy", endpoint: url() }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as Error).message).toBe(
            "parent is required: set parent to projects/{project}/locations/{location}, or set project (or gcp:project / GOOGLE_PROJECT) and location (or gcp:region / GOOGLE_REGION)",
        );
        const onlyLocation = await rejectionOf(provider.create!({ service: "clouddeploy", endpoint: url(), project: "my-proj" }));
        expect((onlyLocation as Error).message).toBe(
            "parent is required: set parent to projects/{project}/locations/{location}, or set location (or gcp:region / GOOGLE_REGION)",
        );
        expect(emu().count()).toBe(0);
    });

    test("another service replaces the sweep on exactly that", async () => {
        const olds = { parent: PARENT, service: "clouddeploy", endpoint: url(), apiVersion: "v1", olderThan: "1800s", timeout: "20m", stillRunning: [], failures: [] };
        const diff = await provider.diff!("id", olds, { parent: PARENT, service: "gkemulticloud", endpoint: url(), olderThan: "1800s" });
        expect(diff.replaces).toEqual(["service"]);
    });
});
