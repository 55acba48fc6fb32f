/**
 * The cancellation provider's create and delete in-process against the emulator: what is recorded, when
 * the cancel is sent (cancelOn), and the errors of a wait that runs out. Through Pulumi's host: tests/cancellation.
 */
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { ResourceInitError } from "../../provider/dynamic/initError";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG } from "../support/stackConfig";

const PROJECT = "my-proj";
const LOCATION = "us-central1";
const NAME = `projects/${PROJECT}/locations/${LOCATION}/operations/op-1`;
// The token comes from stack config, as in a stack: recorded outputs (all delete sees) never hold it.
const provider = createCancellationProvider({ config: EMULATOR_TOKEN_CONFIG });

describe("cancellation create and delete", () => {
    const { emu, url } = useEmulatorPerTest();
    const inputs = (extra: Record<string, unknown> = {}) => ({ operation: "op-1", project: PROJECT, location: LOCATION, service: "clouddeploy", endpoint: url(), ...extra });

    test('cancelOn "delete": create only looks and records; delete sends the cancel', async () => {
        emu().add({ name: NAME });
        const { id, outs } = await provider.create!(inputs({ cancelOn: "delete", wait: false }));
        expect(id).toBe(NAME);
        expect(outs).toMatchObject({
            operation: NAME,
            operationInput: "op-1",
            service: "clouddeploy",
            project: PROJECT,
            location: LOCATION,
            cancelOn: "delete",
            wait: false,
            timeout: "20m",
            ifNotFound: "fail",
            ifUnsupported: "fail",
            universeDomain: null,
            impersonateServiceAccount: null,
            quotaProject: null,
            cancelRequested: false,
            outcome: "RUNNING",
        });
        expect(outs).not.toHaveProperty("__provider");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        await provider.delete!(id, outs);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
        expect(emu().get(NAME)).toMatchObject({ done: true, error: { code: 1 } });
    });

    test('cancelOn "create": delete sends nothing', async () => {
        emu().add({ name: NAME });
        const { id, outs } = await provider.create!(inputs());
        expect(outs).toMatchObject({ outcome: "CANCELLED", cancelRequested: true });
        emu().resetLog();
        await provider.delete!(id, outs);
        expect(emu().requests).toEqual([]);
    });

    test("a timeout in seconds is recorded as a duration; a string __provider is kept and anything else is not", async () => {
        emu().add({ name: NAME });
        const { outs } = await provider.create!(inputs({ cancelOn: "delete", wait: false, timeout: 90, __provider: "serialized text" }));
        expect(outs).toMatchObject({ timeout: "90s", __provider: "serialized text" });
        const { outs: other } = await provider.create!(inputs({ cancelOn: "delete", wait: false, __provider: 5 }));
        expect(other).not.toHaveProperty("__provider");
    });

    test("a wait that runs out in create: recorded RUNNING with the cancel requested, to resume on the next up", async () => {
        emu().add({ name: NAME, cancel: "ignore" });
        const err = (await provider.create!(inputs({ timeout: "1s" })).catch((e: unknown) => e)) as ResourceInitError;
        expect(err).toBeInstanceOf(ResourceInitError);
        expect(err.message).toBe(
            `OperationCancellation: ${NAME} was still running after 1.0s (the cancel was requested). ` +
                "The resource was recorded with outcome RUNNING; run `pulumi up` again to resume waiting (no second cancel is sent), or raise timeout",
        );
        expect(err.id).toBe(NAME);
        expect(err.properties).toMatchObject({ outcome: "RUNNING", cancelRequested: true, found: true });
        expect(typeof err.properties.cancelRequestedAt).toBe("string");
    });

    test("a confirming read that fails after the cancel was accepted: recorded RUNNING with the cancel requested and when, so no later step sends a second", async () => {
        emu().add({ name: NAME });
        // The read before the cancel goes through; the one after it is refused (not retried).
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, { kind: "status", code: "PERMISSION_DENIED", message: "denied after the cancel" }] });
        const err = (await provider.create!(inputs()).catch((e: unknown) => e)) as ResourceInitError;
        expect(err).toBeInstanceOf(ResourceInitError);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
        const at = err.properties.cancelRequestedAt as string;
        expect(Number.isNaN(Date.parse(at))).toBe(false);
        expect(err.message.startsWith(`OperationCancellation: the cancel of ${NAME} was accepted at ${at}, but confirming it failed: `)).toBe(true);
        expect(err.message).toContain("denied after the cancel");
        expect(err.message.endsWith("The resource was recorded with outcome RUNNING and the cancel as requested; run `pulumi up` again to read the outcome (no second cancel is sent)")).toBe(true);
        expect(err.id).toBe(NAME);
        expect(err.properties).toMatchObject({ outcome: "RUNNING", cancelRequested: true, found: true, operation: NAME });
        expect(err.properties.message).toMatch(new RegExp(`^the cancel of ${NAME} was accepted, but its outcome could not be read: .*denied after the cancel`));
    });

    test("a read that fails before any cancel was accepted: the error as it is, nothing recorded as requested", async () => {
        emu().add({ name: NAME });
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "PERMISSION_DENIED", message: "denied before the cancel" } });
        const err = (await provider.create!(inputs()).catch((e: unknown) => e)) as Error;
        expect(err).not.toBeInstanceOf(ResourceInitError);
        expect(err.message).toContain("denied before the cancel");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a wait that runs out in delete: the resource stays in the stack, and the message says how to resume", async () => {
        emu().add({ name: NAME, cancel: "ignore" });
        const props = { ...inputs({ cancelOn: "delete", timeout: "1s" }), operation: NAME };
        const err = (await provider.delete!(NAME, props).catch((e: unknown) => e)) as Error;
        expect(err).not.toBeInstanceOf(ResourceInitError);
        expect(err.message).toBe(
            `OperationCancellation: ${NAME} was still running after 1.0s (the cancel was requested). ` +
                "The resource stays in the stack; run `pulumi destroy` again to resume, or raise timeout",
        );
        expect(err.cause).toBeInstanceOf(ResourceInitError);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });
});
