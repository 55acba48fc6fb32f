/**
 * `cancelAndConfirm` when the server says no, against the emulator (mutants that survived the mutation run,
 * docs/mutation.md): which refusals of the cancel are checked with a GET and which end the call at once,
 * what the recheck can show (done, gone, still running, or an error of its own), a missing operation, a
 * permission error naming the permission, and the call's deadline kept by every request it makes.
 */
import { DeadlineExceededError, GoogleApiError } from "../../provider/google";
import type { RpcCodeName } from "../../provider/google/status";
import { rejectionOf } from "../support/outcome";
import { DEPLOY_OP, expectElapsedWithin, useEmulator } from "./support";

const RECHECKED: RpcCodeName[] = ["FAILED_PRECONDITION", "ABORTED", "UNIMPLEMENTED", "INVALID_ARGUMENT", "OUT_OF_RANGE", "ALREADY_EXISTS"];

describe("cancelAndConfirm after a refusal", () => {
    const { emu, client } = useEmulator();
    const refuseCancel = (code: RpcCodeName) => emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "status", code } });

    test("an operation missing at the first GET is NOT_FOUND with no cancel sent, said in a sentence", async () => {
        const started = Date.now();
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        expect(result.outcome).toBe("NOT_FOUND");
        expect(result.cancelSent).toBe(false);
        expect(result.requests).toBe(1);
        expect(result.error).toBeInstanceOf(GoogleApiError);
        expect(result.message).toBe(
            `${DEPLOY_OP} was not found: it does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong`,
        );
        expectElapsedWithin(result.elapsedMs, Date.now() - started);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a first GET refused for permission fails the call, naming the permission of the service's get", async () => {
        emu().add({ name: DEPLOY_OP });
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const err = await rejectionOf(client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 }));
        expect(err).toBeInstanceOf(GoogleApiError);
        expect((err as GoogleApiError).status).toBe("PERMISSION_DENIED");
        expect((err as Error).message).toContain("clouddeploy.operations.get");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a cancel answered 404 is NOT_FOUND at once: no recheck", async () => {
        emu().add({ name: DEPLOY_OP });
        refuseCancel("NOT_FOUND");
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        expect(result).toMatchObject({ outcome: "NOT_FOUND", cancelSent: false, operation: { name: DEPLOY_OP } });
        expect((result.error as GoogleApiError).status).toBe("NOT_FOUND");
        expect(emu().count({ rpc: "get" })).toBe(1);
    });

    test("a cancel refused for permission fails the call at once: no recheck", async () => {
        emu().add({ name: DEPLOY_OP });
        refuseCancel("PERMISSION_DENIED");
        const err = await rejectionOf(client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 }));
        expect((err as GoogleApiError).status).toBe("PERMISSION_DENIED");
        expect((err as Error).message).toContain("clouddeploy.operations.cancel");
        expect(emu().count({ rpc: "get" })).toBe(1);
    });

    test.each(RECHECKED)("a cancel refused with %s is checked with a GET; still running, it fails the call (UNIMPLEMENTED: UNSUPPORTED)", async (code) => {
        emu().add({ name: DEPLOY_OP });
        refuseCancel(code);
        const run = client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        if (code === "UNIMPLEMENTED") {
            const result = await run;
            expect(result).toMatchObject({ outcome: "UNSUPPORTED", cancelSent: false, operation: { name: DEPLOY_OP } });
            expect(result.message).toBe(`the service does not support cancelling ${DEPLOY_OP}`);
            expect((result.error as GoogleApiError).status).toBe("UNIMPLEMENTED");
        } else {
            const err = await rejectionOf(run);
            expect(err).toBeInstanceOf(GoogleApiError);
            expect((err as GoogleApiError).status).toBe(code);
        }
        expect(emu().count({ rpc: "get" })).toBe(2);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("a refused cancel whose recheck shows the operation finished reports how it ended, with no cancel sent", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 1_000 });
        refuseCancel("FAILED_PRECONDITION");
        // The recheck is answered after the operation has finished by itself.
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, { kind: "delay", ms: 1_500 }] });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        expect(result).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false, operation: { done: true } });
        expect(result.message).toBe(`${DEPLOY_OP} had already finished successfully; no cancel was sent`);
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test("a refused cancel whose recheck finds the operation gone is NOT_FOUND", async () => {
        emu().add({ name: DEPLOY_OP });
        refuseCancel("FAILED_PRECONDITION");
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, { kind: "status", code: "NOT_FOUND" }] });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        expect(result).toMatchObject({ outcome: "NOT_FOUND", cancelSent: false });
        expect((result.error as GoogleApiError).status).toBe("FAILED_PRECONDITION");
    });

    test("a refused cancel whose recheck is itself refused fails the call with the recheck's error", async () => {
        emu().add({ name: DEPLOY_OP });
        refuseCancel("FAILED_PRECONDITION");
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }, { kind: "status", code: "PERMISSION_DENIED" }] });
        const err = await rejectionOf(client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 }));
        expect((err as GoogleApiError).status).toBe("PERMISSION_DENIED");
        expect((err as Error).message).toContain("clouddeploy.operations.get");
    });

    test("every request of the call ends by the call's deadline: a hanging first GET fails in the call's time, not a request's default", async () => {
        emu().add({ name: DEPLOY_OP });
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const started = Date.now();
        const err = await rejectionOf(client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 1_500 }));
        expect(err).toBeInstanceOf(DeadlineExceededError);
        expect((err as DeadlineExceededError).callDeadline).toBe(true);
        expect(Date.now() - started).toBeLessThan(10_000);
    });

    test("the call's answer reports its elapsed time and requests", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 100 });
        const started = Date.now();
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5_000 });
        expect(result.outcome).toBe("CANCELLED");
        expect(result.message).toBe(`${DEPLOY_OP} was cancelled`);
        expect(result.requests).toBe(emu().count());
        expectElapsedWithin(result.elapsedMs, Date.now() - started);
        expect(result.elapsedMs).toBeGreaterThanOrEqual(100);
    });
});
