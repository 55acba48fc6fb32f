/**
 * The cancellation provider's read and update in-process against the emulator (paths the mutation run found no
 * test reaching, docs/mutation.md): what a refresh records and says, an UNSUPPORTED outcome kept while the
 * operation runs, an update that must not cancel an operation that is gone, an update in place that keeps
 * the record as it was, and the HTTP status in a not-found failure.
 */
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { rejectionOf } from "../support/outcome";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";

const NAME = "projects/my-proj/locations/us-central1/operations/op-1";
const provider = createCancellationProvider({ config: EMULATOR_TOKEN_CONFIG });

describe("cancellation read and update", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ operation: NAME, service: "clouddeploy", endpoint: url(), ...extra });

    test("a refresh of a running operation says it is still running; once cancelled, how it ended", async () => {
        emu().add({ name: NAME });
        const { id, outs } = await provider.create!(inputs({ cancelOn: "delete", wait: false }));
        const running = await provider.read!(id, outs);
        expect(running.props).toMatchObject({ outcome: "RUNNING", found: true, done: false, message: `${NAME}: still running when refreshed` });
        await provider.delete!(id, { ...outs, wait: true });
        const ended = await provider.read!(id, outs);
        expect(ended.props).toMatchObject({ outcome: "CANCELLED", found: true, done: true, message: `${NAME}: done (CANCELLED) when refreshed` });
    });

    test("a recorded UNSUPPORTED outcome is kept while the operation runs, and replaced once it is done", async () => {
        emu().add({ name: NAME, unimplemented: true, doneAfterMs: 400 });
        const { id, outs } = await provider.create!(inputs({ ifUnsupported: "ignore" }));
        expect(outs).toMatchObject({ outcome: "UNSUPPORTED", cancelRequested: false });
        expect((await provider.read!(id, outs)).props).toMatchObject({ outcome: "UNSUPPORTED", done: false });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect((await provider.read!(id, outs)).props).toMatchObject({ outcome: "SUCCEEDED", done: true });
    });

    test("a refresh of an operation that has expired keeps the recorded outcome and says so", async () => {
        emu().add({ name: NAME });
        const { id, outs } = await provider.create!(inputs());
        emu().remove(NAME);
        const { props } = await provider.read!(id, outs);
        expect(props).toMatchObject({
            outcome: "CANCELLED",
            found: false,
            message: `${NAME} is no longer found (Google keeps operations for about 30 days); the recorded outcome CANCELLED is kept`,
        });
    });

    test("an update of a record whose operation was gone sends no cancel, and keeps the record's message", async () => {
        emu().add({ name: NAME });
        const olds = { ...inputs({ cancelOn: "create" }), outcome: "RUNNING", found: false, cancelRequested: false, message: "recorded earlier", lastCheckedAt: "2026-01-01T00:00:00.000Z" };
        const { outs } = await provider.update!(NAME, olds, inputs({ cancelOn: "create", timeout: "5m" }));
        expect(emu().requests).toEqual([]);
        expect(outs).toMatchObject({ outcome: "RUNNING", found: false, cancelRequested: false, message: "recorded earlier", lastCheckedAt: "2026-01-01T00:00:00.000Z", timeout: "5m" });
    });

    test("a record of a finished operation updated in place keeps its message and when it was checked", async () => {
        emu().add({ name: NAME });
        const { outs } = await provider.create!(inputs());
        emu().resetLog();
        const { outs: updated } = await provider.update!(NAME, outs, inputs({ timeout: "5m" }));
        expect(emu().requests).toEqual([]);
        expect(updated).toMatchObject({ outcome: "CANCELLED", message: outs.message, lastCheckedAt: outs.lastCheckedAt, timeout: "5m" });
        expect(typeof updated.message).toBe("string");
        expect(updated.message).not.toBe("");
    });

    test("an operation not found fails with the HTTP and Google status and Google's message", async () => {
        const err = await rejectionOf(provider.create!(inputs()));
        expect((err as Error).message).toMatch(new RegExp(`^OperationCancellation: ${NAME} was not found: .* \\(HTTP 404 NOT_FOUND: [^)]+\\)\\. Fix operation, service or location, or set ifNotFound: "ignore" to record it and go on$`));
    });
});
