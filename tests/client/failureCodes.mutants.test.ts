/**
 * The code and flags a failed call ends with, against the emulator: an aborted call is `ERR_ABORTED`; an
 * attempt that timed out on its own (`requestTimeoutMs`), with the call's deadline far off, is
 * `ERR_DEADLINE_EXCEEDED` with `callDeadline` and `listingDeadline` false, so it is not taken for the
 * call's or a listing's deadline. Mutants of the code and of `callDeadline` survived the mutation run
 * (docs/mutation.md).
 */
import { AbortedError, DeadlineExceededError } from "../../provider/google";
import { rejectionOf } from "../support/outcome";
import { DEPLOY_OP, useEmulator } from "./support";

describe("how a failed call ends", () => {
    const { emu, client } = useEmulator();
    beforeEach(() => emu().add({ name: DEPLOY_OP }));

    test("an aborted call is ERR_ABORTED", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const error = await rejectionOf(client().getOperation(DEPLOY_OP, { signal: controller.signal }));
        expect(error).toBeInstanceOf(AbortedError);
        expect(error).toMatchObject({ code: "ERR_ABORTED", message: `get ${DEPLOY_OP} was aborted` });
    });

    test("an attempt's own timeout is not the call's deadline", async () => {
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "hang" } });
        const error = await rejectionOf(client({ requestTimeoutMs: 200, retry: { maxAttempts: 1 } }).getOperation(DEPLOY_OP, { timeoutMs: 30_000 }));
        expect(error).toBeInstanceOf(DeadlineExceededError);
        expect(error).toMatchObject({ code: "ERR_DEADLINE_EXCEEDED", callDeadline: false, listingDeadline: false });
        expect((error as Error).message).toBe(
            `get ${DEPLOY_OP}: ${new URL(emu().url).host} did not answer within 200ms (attempt 1). Check the network path to Google (proxy settings HTTPS_PROXY/NO_PROXY) or the endpoint setting`,
        );
    });

    test("a direct construction says the same: no deadline flag unless given", () => {
        expect(new DeadlineExceededError("x")).toMatchObject({ code: "ERR_DEADLINE_EXCEEDED", callDeadline: false, listingDeadline: false });
        expect(new DeadlineExceededError("x", { callDeadline: false })).toMatchObject({ callDeadline: false });
        expect(new DeadlineExceededError("x", { callDeadline: true })).toMatchObject({ callDeadline: true, listingDeadline: false });
        expect(new AbortedError("x")).toMatchObject({ code: "ERR_ABORTED", name: "AbortedError" });
    });
});
