import { OperationsEmulator, SeedError, serviceBehaviour, validateSeed } from "../../provider/testing";
import { OP, call, opPath, sleep, useEmulator } from "./helpers";

const cancel = (url: string, name = OP) => call(url, `${opPath(name)}:cancel`, { method: "POST", body: "{}" });
const get = (url: string, name = OP) => call(url, opPath(name));

describe("per-service behaviour: cancel of a finished operation, metadata.errorDetail", () => {
    const { emu, url } = useEmulator();

    test("built-in defaults", () => {
        expect(serviceBehaviour("clouddeploy")).toEqual({ afterDoneCancel: "failed-precondition", errorDetail: "never" });
        expect(serviceBehaviour("gkemulticloud")).toEqual({ afterDoneCancel: "failed-precondition", errorDetail: "failure" });
        expect(serviceBehaviour("spanner").afterDoneCancel).toBe("ok");
        expect(serviceBehaviour("lifesciences").afterDoneCancel).toBe("failed-precondition");
        expect(serviceBehaviour("anything-else")).toEqual({ afterDoneCancel: "failed-precondition", errorDetail: "never" });
    });

    test.each([
        ["clouddeploy", 400],
        ["gkemulticloud", 400],
        ["spanner", 200],
        ["lifesciences", 400],
    ])("cancel of a finished %s operation: %d by default", async (service, status) => {
        emu().add({ name: OP, service, doneAfterMs: 0 });
        await sleep(2);
        const r = await cancel(url());
        expect(r.status).toBe(status);
        if (status === 400) expect(r.json.error).toMatchObject({ status: "FAILED_PRECONDITION", details: [{ reason: "OPERATION_ALREADY_DONE", domain: `${service}.googleapis.com` }] });
        else expect(r.json).toEqual({});
        const op = (await get(url())).json;
        expect(op.done).toBe(true);
        expect(op).not.toHaveProperty("error");
    });

    test("an operation's afterDoneCancel overrides its service's default both ways", async () => {
        emu().addMany({ name: OP, service: "spanner", doneAfterMs: 0, afterDoneCancel: "failed-precondition" }, { name: `${OP}-2`, service: "gkemulticloud", doneAfterMs: 0, afterDoneCancel: "ok" });
        await sleep(2);
        expect((await cancel(url())).status).toBe(400);
        expect((await cancel(url(), `${OP}-2`)).status).toBe(200);
    });

    test("gkemulticloud default: a failure's message in errorDetail, a cancellation's not", async () => {
        emu().addMany(
            { name: OP, service: "gkemulticloud", doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "cluster is busy" } } },
            { name: `${OP}-c`, service: "gkemulticloud" },
        );
        await sleep(2);
        expect((await get(url())).json.metadata.errorDetail).toBe("cluster is busy");
        await cancel(url(), `${OP}-c`);
        const cancelled = (await get(url(), `${OP}-c`)).json;
        expect(cancelled.error.code).toBe(1);
        expect(cancelled.metadata).not.toHaveProperty("errorDetail");
    });

    test("errorDetail per operation: always copies the cancellation too; never copies nothing", async () => {
        emu().addMany(
            { name: OP, service: "gkemulticloud", errorDetail: "always" },
            { name: `${OP}-n`, service: "gkemulticloud", doneAfterMs: 0, errorDetail: "never", result: { error: { code: 9, message: "busy" } } },
        );
        await cancel(url());
        await sleep(2);
        expect((await get(url())).json.metadata.errorDetail).toBe("Operation was cancelled.");
        expect((await get(url(), `${OP}-n`)).json.metadata).not.toHaveProperty("errorDetail");
    });

    test("seed serviceDefaults, then the serviceDefaults option, override the built-in ones; operations override both", async () => {
        const emu2 = new OperationsEmulator({
            seed: {
                serviceDefaults: { gkemulticloud: { afterDoneCancel: "ok", errorDetail: "always" }, clouddeploy: { afterDoneCancel: "ok" } },
                operations: [
                    { name: OP, service: "gkemulticloud", doneAfterMs: 0 },
                    { name: `${OP}-d`, doneAfterMs: 0 },
                    { name: `${OP}-x`, doneAfterMs: 0, afterDoneCancel: "failed-precondition" },
                ],
            },
            serviceDefaults: { clouddeploy: { afterDoneCancel: "failed-precondition" } },
        });
        const base = await emu2.start();
        try {
            await sleep(2);
            expect((await cancel(base)).status).toBe(200);
            expect((await cancel(base, `${OP}-d`)).status).toBe(400);
            expect((await cancel(base, `${OP}-x`)).status).toBe(400);
            emu2.add({ name: `${OP}-r`, service: "gkemulticloud" });
            await cancel(base, `${OP}-r`);
            expect((await get(base, `${OP}-r`)).json.metadata.errorDetail).toBe("Operation was cancelled.");
        } finally {
            await emu2.stop();
        }
    });

    test("seed validation names the bad field", () => {
        expect(() => validateSeed({ operations: [{ name: OP, errorDetail: "sometimes" }] })).toThrow(new SeedError('seed.operations[0].errorDetail: must be one of "never", "failure", "always"'));
        expect(() => validateSeed({ operations: [], serviceDefaults: { spanner: { afterDoneCancel: "yes" } } })).toThrow(/seed\.serviceDefaults\.spanner\.afterDoneCancel: must be one of/);
        expect(() => validateSeed({ operations: [], serviceDefaults: { spanner: { cancel: "ok" } } })).toThrow(/seed\.serviceDefaults\.spanner\.cancel: unknown field/);
        expect(() => new OperationsEmulator({ serviceDefaults: { x: { errorDetail: "no" as never } } })).toThrow(/serviceDefaults\.x\.errorDetail/);
    });
});
