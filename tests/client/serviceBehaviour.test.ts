import { DEPLOY_OP, useEmulator } from "./support";

// The client must reach the right outcome whichever way a service answers a cancel of a finished
// operation (200 {} or 400 FAILED_PRECONDITION) and whether or not it copies errors into errorDetail.
describe.each(["ok", "failed-precondition"] as const)("cancelAndConfirm when a finished operation's cancel answers %s", (afterDoneCancel) => {
    const { emu, client } = useEmulator({ serviceDefaults: { clouddeploy: { afterDoneCancel } } });

    test("finishing between GET and cancel: SUCCEEDED, not CANCELLED nor a failure", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 800 });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "delay", ms: 1500 }, times: 1 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(emu().requests.find((r) => r.rpc === "cancel")?.status).toBe(afterDoneCancel === "ok" ? 200 : 400);
        expect(result.outcome).toBe("SUCCEEDED");
        expect(result.operation?.done).toBe(true);
        expect(result.operation?.error).toBeUndefined();
    });

    test("failing between GET and cancel: FAILED with the operation's error", async () => {
        emu().add({ name: DEPLOY_OP, doneAfterMs: 800, result: { error: { code: "FAILED_PRECONDITION", message: "pipeline is busy" } } });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "delay", ms: 1500 }, times: 1 });
        const result = await client().cancelAndConfirm(DEPLOY_OP, { timeoutMs: 5000 });
        expect(result.outcome).toBe("FAILED");
        expect(result.operation?.error?.message).toBe("pipeline is busy");
    });
});

describe.each(["never", "failure", "always"] as const)("cancelAndConfirm of a gkemulticloud operation with errorDetail %s", (errorDetail) => {
    const { emu, client } = useEmulator();

    test("a cancelled operation is CANCELLED whatever errorDetail says", async () => {
        const name = "projects/my-proj/locations/us-west1/operations/operation-gke-1";
        emu().add({ name, service: "gkemulticloud", errorDetail, cancelTakesMs: 50 });
        const result = await client({ service: "gkemulticloud" }).cancelAndConfirm(name, { timeoutMs: 5000 });
        expect(result.outcome).toBe("CANCELLED");
        expect(result.operation?.error?.code).toBe(1);
        if (errorDetail === "always") expect(result.operation?.metadata?.errorDetail).toBe("Operation was cancelled.");
        else expect(result.operation?.metadata?.errorDetail).toBeUndefined();
    });
});
