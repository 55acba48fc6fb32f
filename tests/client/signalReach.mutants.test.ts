/**
 * The caller's signal reaches every request a long call makes: a page of a listing and each read of a wait
 * that hangs end at once on an abort, not at their own timeouts (30 s and more).
 */
import { AbortedError, OperationsClient } from "../../provider/google";
import { failure } from "../hostile/support";
import { useEmulatorPerTest } from "../support/emulator";

const PARENT = "projects/signal-proj/locations/us-central1";
const OP = `${PARENT}/operations/op-1`;

describe("the caller's signal", () => {
    const { emu, url } = useEmulatorPerTest();
    const client = () => new OperationsClient({ endpoint: url(), credentials: { accessToken: "emulator-token" }, retry: { initialDelayMs: 10, maxDelayMs: 50 }, poll: { initialDelayMs: 10, maxDelayMs: 50 } });

    test("an abort while a later page of a listing hangs ends the listing at once", async () => {
        emu().addMany({ name: `${PARENT}/operations/a` }, { name: `${PARENT}/operations/b` });
        emu().injectFault({ match: { rpc: "list" }, sequence: [{ kind: "none" }, ...Array.from({ length: 5 }, () => ({ kind: "hang" as const }))] });
        const controller = new AbortController();
        const pages = client().listOperationPages(PARENT, { pageSize: 1, timeoutMs: 60_000, signal: controller.signal });
        expect((await pages.next()).done).toBe(false);
        setTimeout(() => controller.abort(new Error("interrupted")), 100);
        const { error, elapsedMs } = await failure(() => pages.next());
        expect(error).toBeInstanceOf(AbortedError);
        expect(elapsedMs).toBeLessThan(10_000);
        expect(emu().count({ rpc: "list" })).toBe(2);
    });

    test("an abort while a read of the wait after a cancel hangs ends the wait at once", async () => {
        emu().add({ name: OP, cancelTakesMs: 60_000 });
        const controller = new AbortController();
        const onCancelAccepted = () => {
            emu().injectFault({ match: { rpc: "get", operation: OP }, fault: { kind: "hang" } });
            setTimeout(() => controller.abort(new Error("interrupted")), 200);
        };
        const { error, elapsedMs } = await failure(() => client().cancelAndConfirm(OP, { timeoutMs: 60_000, signal: controller.signal, onCancelAccepted }));
        expect(error).toBeInstanceOf(AbortedError);
        expect(elapsedMs).toBeLessThan(10_000);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });
});
