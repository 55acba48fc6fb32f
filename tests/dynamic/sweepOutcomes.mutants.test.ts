/**
 * What the sweep provider's steps give back, field by field and word for word, in-process against the emulator
 * (survivors of mutation run 8 in sweepProvider.ts, docs/mutation.md): the outputs an update in place keeps
 * from the record (lists, message, listFailed, the hidden `__provider`), the outputs a sweep writes
 * (parentInput, credentials settings, cancelRequested in name order), a failing step's whole message, a
 * delete that fails, the refusals of a missing or invalid parent (their field included), a recorded resource
 * that never builds its parent from project and location, a diff that replaces, and a refresh that files a
 * GKE operation ended after a cancel as `ended`, keeping the order of those still running.
 */
import { createSweepProvider } from "../../provider/dynamic/sweepProvider";
import { ResourceInitError } from "../../provider/dynamic/initError";
import { InvalidNameError, InvalidOptionError } from "../../provider/google";
import { rejectionOf } from "../support/outcome";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG, useClearedGoogleScope } from "../support/stackConfig";
import { EMPTY_SWEEP_COUNTS, EMPTY_SWEEP_LISTS } from "./support";

useClearedGoogleScope();

const PARENT = "projects/my-proj/locations/us-central1";
const op = (id: string) => `${PARENT}/operations/${id}`;
const provider = createSweepProvider({ config: EMULATOR_TOKEN_CONFIG });
const NOT_A_PARENT =
    'parent "bogus" is not an operations parent name; expected projects/{project}/locations/{location} (or the service\'s own form, such as projects/{project}/instances/{instance}), the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/';

describe("the sweep provider's outcomes", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ parent: PARENT, service: "clouddeploy", endpoint: url(), ...extra });

    test("an update that does not sweep keeps every recorded list, the message and listFailed as recorded", async () => {
        const recorded = {
            matched: [op("a"), op("b"), op("c"), op("d")],
            cancelled: [op("a")],
            alreadyDone: [op("b")],
            ended: [op("c")],
            stillRunning: [],
            failures: [{ name: op("d"), error: "denied", httpStatus: 403, status: "PERMISSION_DENIED" }],
            cancelRequested: [op("a"), op("c")],
            counts: { matched: 4, cancelled: 1 },
            lastSweptAt: "2026-01-02T03:04:05.000Z",
            message: "as recorded",
            listFailed: true,
        };
        // Taken before the step, so that a record changed in place cannot change the expectation with it.
        const expected = { ...structuredClone(recorded), counts: { ...EMPTY_SWEEP_COUNTS, ...recorded.counts } };
        const olds = { ...inputs({ cancelOn: "delete" }), apiVersion: "v1", ...recorded };
        const { outs } = await provider.update!("id", olds, inputs({ cancelOn: "delete" }));
        expect(outs).toMatchObject(expected);
        const clean = await provider.update!("id", { ...olds, listFailed: false }, inputs({ cancelOn: "delete" }));
        expect(clean.outs.listFailed).toBe(false);
        const absent = await provider.update!("id", { ...olds, listFailed: undefined }, inputs({ cancelOn: "delete" }));
        expect(absent.outs.listFailed).toBe(false);
        expect(emu().requests).toEqual([]);
    });

    test("a record without lists or message: an update that does not sweep gives empty lists and an empty message", async () => {
        const { outs } = await provider.update!("id", inputs({ cancelOn: "delete" }), inputs({ cancelOn: "delete" }));
        expect(outs).toMatchObject({
            ...EMPTY_SWEEP_LISTS,
            counts: EMPTY_SWEEP_COUNTS,
            lastSweptAt: null,
            message: "",
            listFailed: false,
        });
    });

    test("the outputs carry parentInput, universeDomain, the credentials settings and the hidden __provider, and only when given", async () => {
        const given = inputs({
            cancelOn: "delete",
            universeDomain: "googleapis.com",
            impersonateServiceAccount: "sa@my-proj.iam.gserviceaccount.com",
            quotaProject: "billing-proj",
            __provider: "provider-ref",
        });
        const { outs } = await provider.create!(given);
        expect(outs).toMatchObject({
            parent: PARENT,
            parentInput: PARENT,
            universeDomain: "googleapis.com",
            impersonateServiceAccount: "sa@my-proj.iam.gserviceaccount.com",
            quotaProject: "billing-proj",
            __provider: "provider-ref",
        });
        const fromInput = await provider.create!({ ...inputs({ cancelOn: "delete" }), parentInput: "as typed" });
        expect(fromInput.outs.parentInput).toBe("as typed");
        const bare = await provider.create!(inputs({ cancelOn: "delete" }));
        expect(bare.outs).toMatchObject({ parentInput: PARENT, universeDomain: null, impersonateServiceAccount: null, quotaProject: null });
        expect(Object.keys(bare.outs)).not.toContain("__provider");
        expect(emu().requests).toEqual([]);
    });

    test("cancelRequested is in name order: the earlier sweeps' names and this sweep's together", async () => {
        emu().addMany({ name: op("m") }, { name: op("b") });
        const olds = { ...inputs({ triggers: "1" }), apiVersion: "v1", cancelRequested: [op("z")], stillRunning: [], failures: [] };
        const { outs } = await provider.update!("id", olds, inputs({ triggers: "2" }));
        expect(outs.cancelRequested).toEqual([op("b"), op("m"), op("z")]);
    });

    test("a failing step's whole message: one failure, and a failure with operations still running", async () => {
        emu().add({ name: op("a"), denied: ["cancel"] });
        const err = await rejectionOf(provider.create!(inputs()));
        expect(err).toBeInstanceOf(ResourceInitError);
        const failure = ((err as ResourceInitError).properties.failures as Array<{ error: string }>)[0]!.error;
        expect((err as Error).message).toBe(
            `OperationSweep: ${(err as ResourceInitError).properties.message}. 1 of 1 matched operations failed: ${op("a")}: ${failure}. ` +
                'Fix the cause (permissions, service), or set ifFailures: "ignore" to record failures and go on. ' +
                "What was done is recorded; the next `pulumi up` sweeps again",
        );
    });

    test("two failures are listed in name order, separated by semicolons", async () => {
        emu().addMany({ name: op("b"), denied: ["cancel"] }, { name: op("a"), denied: ["cancel"] });
        const err = await rejectionOf(provider.create!(inputs()));
        expect(err).toBeInstanceOf(ResourceInitError);
        const failures = (err as ResourceInitError).properties.failures as Array<{ name: string; error: string }>;
        expect(failures.map((f) => f.name)).toEqual([op("a"), op("b")]);
        expect((err as Error).message).toContain(`2 of 2 matched operations failed: ${op("a")}: ${failures[0]!.error}; ${op("b")}: ${failures[1]!.error}. Fix the cause`);
    });

    test("two reasons are joined as sentences", async () => {
        emu().addMany({ name: op("a"), denied: ["cancel"] }, { name: op("b"), cancel: "ignore" });
        const err = await rejectionOf(provider.create!(inputs({ timeout: "1s" })));
        expect(err).toBeInstanceOf(ResourceInitError);
        const recorded = (err as ResourceInitError).properties;
        const failure = (recorded.failures as Array<{ error: string }>)[0]!.error;
        expect((err as Error).message).toBe(
            `OperationSweep: ${recorded.message}. 1 of 2 matched operations failed: ${op("a")}: ${failure}. ` +
                'Fix the cause (permissions, service), or set ifFailures: "ignore" to record failures and go on. ' +
                "1 operation(s) were still running after 1.0s (cancel requested where possible); raise timeout, or set wait: false. " +
                "What was done is recorded; the next `pulumi up` sweeps again",
        );
    });

    test("a delete whose sweep fails throws with what to do next", async () => {
        emu().add({ name: op("a"), denied: ["cancel"] });
        const err = await rejectionOf(provider.delete!("id", { ...inputs({ cancelOn: "delete" }), apiVersion: "v1" }));
        const message = (err as Error).message;
        expect(message).toMatch(/^OperationSweep: .*\. 1 of 1 matched operations failed: /);
        expect(message).toMatch(/\. The resource stays in the stack; run `pulumi destroy` again to sweep again$/);
    });

    test("a dry run says so in its first progress line", async () => {
        const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            await provider.create!(inputs({ dryRun: true }));
            expect(log.mock.calls[0]).toEqual([`OperationSweep: dry run of a sweep ${PARENT} (${url()})`]);
        } finally {
            log.mockRestore();
        }
    });

    test("only a location: the refusal names project, on the parent field", async () => {
        const err = await rejectionOf(provider.create!({ service: "clouddeploy", endpoint: url(), location: "us-central1" }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("parent");
        expect((err as Error).message).toBe(
            "parent is required: set parent to projects/{project}/locations/{location}, or set project (or gcp:project / GOOGLE_PROJECT)",
        );
    });

    test("an invalid parent, given or built from project and location, is refused on the parent field", async () => {
        const given = await rejectionOf(provider.create!(inputs({ parent: "bogus" })));
        expect(given).toBeInstanceOf(InvalidNameError);
        expect((given as InvalidNameError).field).toBe("parent");
        expect((given as Error).message).toBe(NOT_A_PARENT);
        const built = await rejectionOf(provider.create!({ service: "clouddeploy", endpoint: url(), project: "Bad_Project", location: "us-central1" }));
        expect(built).toBeInstanceOf(InvalidNameError);
        expect((built as InvalidNameError).field).toBe("parent");
    });

    test("an invalid timeout that check did not see is refused on the timeout field", async () => {
        const err = await rejectionOf(provider.create!(inputs({ timeout: "soon" })));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect((err as InvalidOptionError).field).toBe("timeout");
    });

    test("a recorded resource never builds its parent from project and location: delete and refresh refuse without parent", async () => {
        const recorded = { service: "clouddeploy", endpoint: url(), project: "my-proj", location: "us-central1", cancelOn: "delete", stillRunning: [op("a")], cancelRequested: [] };
        emu().add({ name: op("a") });
        const deleted = await rejectionOf(provider.delete!("id", recorded));
        expect(deleted).toBeInstanceOf(InvalidOptionError);
        const RECORD_WITHOUT_PARENT =
            "parent is missing from this sweep's recorded state, so it cannot be read or deleted; remove it from the stack with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists them) and declare it again";
        expect(deleted).toMatchObject({ field: "parent", message: RECORD_WITHOUT_PARENT });
        const read = await rejectionOf(provider.read!("id", recorded));
        expect(read).toBeInstanceOf(InvalidOptionError);
        expect(read).toMatchObject({ field: "parent", message: RECORD_WITHOUT_PARENT });
        expect(emu().requests).toEqual([]);
    });

    test("a diff that only replaces still reports changes", async () => {
        const olds = { ...inputs(), apiVersion: "v1", stillRunning: [], failures: [] };
        expect(await provider.diff!("id", olds, inputs({ parent: "projects/my-proj/locations/europe-west1" }))).toEqual({
            changes: true,
            replaces: ["parent"],
            deleteBeforeReplace: false,
        });
    });

    test("a changed universeDomain with the same endpoint sweeps again in place", async () => {
        const olds = { ...inputs(), apiVersion: "v1", stillRunning: [], failures: [] };
        expect(await provider.diff!("id", olds, inputs({ universeDomain: "example.com" }))).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    });

    test("refresh: a GKE operation done after a cancel is ended; those still running keep their recorded order", async () => {
        const gke = (id: string) => `${PARENT}/operations/${id}`;
        emu().addMany(
            { name: gke("ended"), service: "container", doneAfterMs: 0 },
            { name: gke("first"), service: "container" },
            { name: gke("second"), service: "container" },
        );
        emu().injectFault({ match: { rpc: "get", operation: gke("first") }, fault: { kind: "delay", ms: 300 } });
        const recorded = {
            parent: PARENT,
            service: "container",
            endpoint: url(),
            apiVersion: "v1",
            stillRunning: [gke("first"), gke("ended"), gke("second")],
            cancelRequested: [gke("ended"), gke("first"), gke("second")],
            cancelled: [],
            alreadyDone: [],
            ended: [],
            counts: { ...EMPTY_SWEEP_COUNTS, running: 3 },
        };
        const { props } = await provider.read!("id", recorded);
        expect(props).toMatchObject({ ended: [gke("ended")], alreadyDone: [], cancelled: [], stillRunning: [gke("first"), gke("second")] });
    });
});
