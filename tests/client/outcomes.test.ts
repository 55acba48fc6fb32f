import { GoogleApiError } from "../../provider/google";
import { DEPLOY_OP, useEmulator } from "./support";

describe("cancelAndConfirm against the emulator", () => {
    const { emu, client } = useEmulator();

    test("cancels a running operation: GET, POST cancel, then polls until done with code 1", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 100 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("CANCELLED");
        expect(result.cancelSent).toBe(true);
        expect(result.cancelRequestedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(result.operation?.done).toBe(true);
        expect(result.operation?.error?.code).toBe(1);
        expect(result.operation?.metadata?.requestedCancellation).toBe(true);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
        expect(result.requests).toBe(emu().count());
        expect(emu().count({ rpc: "get" })).toBeGreaterThanOrEqual(2);
        const cancel = emu().requests.find((r) => r.rpc === "cancel");
        expect(cancel?.body).toBe("{}");
        expect(cancel?.contentType).toMatch(/application\/json/);
    });

    test.each(["requestedCancellation", "cancelRequested"])("an operation whose metadata shows %s: true gets no second cancel POST", async (field) => {
        emu().add({ name: DEPLOY_OP, cancel: "ignore", doneAfterMs: 400, metadata: { [field]: true } });
        const accepted: string[] = [];
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000, onCancelAccepted: (at) => accepted.push(at) });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        expect(result).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false, cancelAlreadyRequested: true });
        expect(accepted).toEqual([]);
    });

    test("an operation done after someone else's cancel reports cancelAlreadyRequested and sends nothing", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 0, metadata: { requestedCancellation: true } });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result).toMatchObject({ cancelSent: false, cancelAlreadyRequested: true });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("onCancelAccepted fires once the POST is accepted, before a confirmation that then fails", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 100 });
        emu().injectFault({ match: { rpc: "get" }, sequence: [{ kind: "none" }] });
        emu().injectFault({ match: { rpc: "get" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const accepted: string[] = [];
        const error = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000, onCancelAccepted: (at) => accepted.push(at) }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GoogleApiError);
        expect(accepted).toHaveLength(1);
        expect(accepted[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("an operation already done is recorded as it is, and no cancel is sent", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 0 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("SUCCEEDED");
        expect(result.cancelSent).toBe(false);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        expect(result.requests).toBe(1);
    });

    test("an operation already failed is FAILED, no cancel sent", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 0, result: { error: { code: "INTERNAL", message: "render failed" } } });
        const result = await client().cancelAndConfirm(DEPLOY_OP);
        expect(result.outcome).toBe("FAILED");
        expect(result.operation?.error?.message).toBe("render failed");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("an ignored cancel lets the operation finish anyway: SUCCEEDED", async () => {
        emu().add({ name: DEPLOY_OP, cancel: "ignore", doneAfterMs: 1500 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("SUCCEEDED");
        expect(result.cancelSent).toBe(true);
        expect(result.message).toMatch(/finished successfully before the cancel took effect/);
    });

    test("still running at the deadline: RUNNING, within the timeout", async () => {
        emu().add({ name: DEPLOY_OP, cancel: "ignore" });
        const started = Date.now();
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 600 });
        expect(result.outcome).toBe("RUNNING");
        expect(result.cancelSent).toBe(true);
        expect(Date.now() - started).toBeLessThan(3000);
    });

    test("not found: NOT_FOUND with the 404 kept, no cancel sent", async () => {
        const result = await client().cancelAndConfirm(DEPLOY_OP);
        expect(result.outcome).toBe("NOT_FOUND");
        expect(result.error?.httpStatus).toBe(404);
        expect(result.error?.hint).toMatch(/expired.*30 days/);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    test("a service without cancel support: UNSUPPORTED from 501", async () => {
        emu().add({ name: DEPLOY_OP, unimplemented: true });
        const result = await client().cancelAndConfirm(DEPLOY_OP);
        expect(result.outcome).toBe("UNSUPPORTED");
        expect(result.error?.status).toBe("UNIMPLEMENTED");
        expect(result.error?.httpStatus).toBe(501);
        expect(result.operation?.done).toBeFalsy();
    });

    test("finishing between GET and cancel: the 400 FAILED_PRECONDITION is checked with GET, not a failure", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 800, afterDoneCancel: "failed-precondition" });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "delay", ms: 1500 }, times: 1 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(emu().requests.find((r) => r.rpc === "cancel")?.status).toBe(400);
        expect(result.outcome).toBe("SUCCEEDED");
        expect(result.cancelSent).toBe(false);
    });

    test("permission denied on cancel fails with the missing IAM permission named", async () => {
        emu().add({ name: DEPLOY_OP, denied: ["cancel"] });
        const error = await client().cancelAndConfirm(DEPLOY_OP).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GoogleApiError);
        const e = error as GoogleApiError;
        expect(e.httpStatus).toBe(403);
        expect(e.status).toBe("PERMISSION_DENIED");
        expect(e.message).toContain(DEPLOY_OP);
        expect(e.message).toMatch(/clouddeploy\.operations\.cancel/);
        expect(e.message).not.toContain("emulator-token");
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("wait: false confirms with one GET after the cancel", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 5000 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { wait: false });
        expect(result.outcome).toBe("RUNNING");
        expect(result.cancelSent).toBe(true);
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test("sendCancel: false resumes a wait and never cancels twice", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 200 });
        await client().cancelOperation(DEPLOY_OP);
        const result = await client().cancelAndConfirm(DEPLOY_OP, { sendCancel: false, timeoutMs: 5000 });
        expect(result.outcome).toBe("CANCELLED");
        expect(result.cancelSent).toBe(false);
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("progress is reported when the metadata changes", async () => {
        emu().add({ name: DEPLOY_OP, cancelTakesMs: 150 });
        const seen: boolean[] = [];
        await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000, onProgress: (p) => seen.push(p.operation.done === true) });
        expect(seen.length).toBeGreaterThanOrEqual(1);
        expect(seen[seen.length - 1]).toBe(true);
    });

    test("the cancel body follows the service's HTTP rule: none for Vertex AI", async () => {
        emu().add({ name: DEPLOY_OP, service: "aiplatform", cancelTakesMs: 0 });
        await client({ service: "aiplatform" }).cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        const cancel = emu().requests.find((r) => r.rpc === "cancel");
        expect(cancel?.body).toBe("");
        expect(cancel?.url).toMatch(/^\/v1\/projects\//);
    });

    test("an operation that disappears while waiting is NOT_FOUND", async () => {
        emu().add({ name: DEPLOY_OP, cancel: "ignore" });
        setTimeout(() => emu().remove(DEPLOY_OP), 150);
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("NOT_FOUND");
    });

    test("deleteOperation removes the record without cancelling", async () => {
        emu().add({ name: DEPLOY_OP });
        await client().deleteOperation(DEPLOY_OP);
        expect(emu().count({ rpc: "delete" })).toBe(1);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
        await expect(client().getOperation(DEPLOY_OP)).rejects.toMatchObject({ status: "NOT_FOUND" });
    });
});
