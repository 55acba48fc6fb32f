/**
 * What the cancellation provider records and refuses against the emulator (survivors of mutation run 8,
 * docs/mutation.md): cancelOn "both" cancels on create; a refresh keeps whether the cancel was requested and
 * judges a GKE ending by it; a refresh that Google refuses fails instead of marking the operation gone; a
 * refresh or delete reads only the recorded full name; an update that still has to cancel does, one that
 * resumes sends no second cancel, and one in place keeps every recorded field; and an operation that vanishes
 * during the wait fails without an HTTP status to quote.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { InvalidNameError } from "../../provider/google";
import { GoogleApiError } from "../../provider/google/errors";
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { rejectionOf } from "../support/outcome";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";

const NAME = "projects/my-proj/locations/us-central1/operations/op-1";
const provider = createCancellationProvider({ config: EMULATOR_TOKEN_CONFIG });

describe("cancellation records", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ operation: NAME, service: "clouddeploy", endpoint: url(), ...extra });
    const rpcs = () => emu().requests.map((r) => r.rpc);

    test("cancelOn both cancels on create", async () => {
        emu().add({ name: NAME });
        const { outs } = await provider.create!(inputs({ cancelOn: "both" }));
        expect(rpcs()).toContain("cancel");
        expect(outs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true, done: true, message: `${NAME} was cancelled` });
    });

    test("a refresh records whether the cancel was requested", async () => {
        emu().add({ name: NAME });
        const cancelled = await provider.create!(inputs());
        expect((await provider.read!(cancelled.id, cancelled.outs)).props).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        emu().add({ name: "projects/my-proj/locations/us-central1/operations/op-2" });
        const kept = await provider.create!(inputs({ operation: "projects/my-proj/locations/us-central1/operations/op-2", cancelOn: "delete" }));
        expect((await provider.read!(kept.id, kept.outs)).props).toMatchObject({ outcome: "RUNNING", cancelRequested: false });
    });

    test("a refresh judges a GKE ending by whether the cancel was requested", async () => {
        emu().add({ name: NAME, service: "container" });
        const { id, outs } = await provider.create!(inputs({ service: "container", cancelOn: "delete", wait: false }));
        expect(outs).toMatchObject({ outcome: "RUNNING", cancelRequested: false });
        // It ends now, after the create saw it running (no race with a timer on a loaded machine).
        emu().remove(NAME, "container");
        emu().add({ name: NAME, service: "container", doneAfterMs: 0 });
        expect((await provider.read!(id, outs)).props).toMatchObject({ outcome: "SUCCEEDED", cancelRequested: false, done: true });
        expect((await provider.read!(id, { ...outs, cancelRequested: true })).props).toMatchObject({ outcome: "ENDED", cancelRequested: true, done: true });
    });

    test("a refresh that Google refuses fails, and does not mark the operation gone", async () => {
        emu().add({ name: NAME, denied: ["get"] });
        const outs = { ...inputs(), operationInput: NAME, outcome: "RUNNING", found: true, cancelRequested: false };
        const err = await rejectionOf(provider.read!(NAME, outs));
        expect(err).toBeInstanceOf(GoogleApiError);
        expect((err as GoogleApiError).status).toBe("PERMISSION_DENIED");
    });

    test("a refresh or a delete reads only the recorded full name: a bare id in the state is not completed", async () => {
        emu().add({ name: NAME });
        const state = { ...inputs({ operation: "op-1", project: "my-proj", location: "us-central1", cancelOn: "delete" }), outcome: "RUNNING", found: true, cancelRequested: false };
        expect(await rejectionOf(provider.read!(NAME, state))).toBeInstanceOf(InvalidNameError);
        expect(await rejectionOf(provider.delete!(NAME, state))).toBeInstanceOf(InvalidNameError);
        expect(emu().requests).toEqual([]);
    });

    test("an update of a running record whose cancel was never sent sends it", async () => {
        emu().add({ name: NAME });
        const { outs } = await provider.create!(inputs({ cancelOn: "delete", wait: false }));
        const { outs: updated } = await provider.update!(NAME, outs, inputs({ cancelOn: "create" }));
        expect(rpcs().filter((r) => r === "cancel")).toEqual(["cancel"]);
        expect(updated).toMatchObject({ outcome: "CANCELLED", cancelRequested: true, cancelOn: "create", message: `${NAME} was cancelled` });
    });

    test("an update of a running record whose cancel was sent, no longer waiting, sends nothing and keeps the record", async () => {
        emu().add({ name: NAME });
        const olds = { ...inputs(), operationInput: NAME, outcome: "RUNNING", done: false, found: true, cancelRequested: true, cancelRequestedAt: "2026-01-01T00:00:00.000Z", message: "recorded earlier", lastCheckedAt: "2026-01-01T00:00:01.000Z" };
        const { outs } = await provider.update!(NAME, olds, inputs({ wait: false }));
        expect(emu().requests).toEqual([]);
        expect(outs).toMatchObject({ outcome: "RUNNING", done: false, found: true, cancelRequested: true, cancelRequestedAt: "2026-01-01T00:00:00.000Z", wait: false });
    });

    test("an update in place keeps every recorded field of a finished record and of a running one", async () => {
        emu().add({ name: NAME, metadata: { step: "deploy" } });
        const { outs } = await provider.create!(inputs());
        expect(outs).toMatchObject({ outcome: "CANCELLED", done: true, found: true, cancelRequested: true, error: { code: 1, message: "Operation was cancelled." } });
        expect(outs.metadata).toMatchObject({ step: "deploy" });
        emu().resetLog();
        expect((await provider.update!(NAME, outs, inputs({ timeout: "5m" }))).outs).toEqual({ ...outs, timeout: "5m" });

        const op2 = "projects/my-proj/locations/us-central1/operations/op-2";
        emu().add({ name: op2 });
        const running = await provider.create!(inputs({ operation: op2, cancelOn: "delete", wait: false }));
        expect(running.outs).toMatchObject({ outcome: "RUNNING", done: false, cancelRequested: false, error: null });
        emu().resetLog();
        expect((await provider.update!(op2, running.outs, inputs({ operation: op2, cancelOn: "delete", wait: false, timeout: "5m" }))).outs).toEqual({ ...running.outs, timeout: "5m" });
        expect(emu().requests).toEqual([]);
    });

    test("an update in place of a record without a message records an empty one", async () => {
        const olds = { ...inputs(), operationInput: NAME, outcome: "SUCCEEDED", done: true, found: true, cancelRequested: false };
        const { outs } = await provider.update!(NAME, olds, inputs({ timeout: "5m" }));
        expect(outs.message).toBe("");
    });

    test("an operation that vanishes during the wait fails as not found, with no HTTP status to quote", async () => {
        emu().add({ name: NAME, cancel: "ignore" });
        const created = rejectionOf(provider.create!(inputs({ timeout: "30s" })));
        // Removed once the wait has begun (a read after the cancel), so that only the wait's reads find it gone.
        const waitBegun = () => {
            const log = rpcs();
            const cancel = log.indexOf("cancel");
            return cancel >= 0 && log.slice(cancel + 1).includes("get");
        };
        for (let i = 0; i < 2_000 && !waitBegun(); i++) await sleep(5);
        expect(waitBegun()).toBe(true);
        emu().remove(NAME);
        expect(((await created) as Error).message).toBe(
            `OperationCancellation: ${NAME} was not found: it does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong. ` +
                'Fix operation, service or location, or set ifNotFound: "ignore" to record it and go on',
        );
    });
});
