/**
 * examples/cloud-deploy, unchanged, through Pulumi's dynamic-provider host against the emulator: the
 * operation named in stack config is cancelled once; a second up sends nothing.
 */
import { OperationsEmulator, DEFAULT_TOKEN } from "../../provider/testing";
import { prepareExample, type QuickstartProgram } from "../../scripts/demo/quickstart";
import { EngineSimulator } from "../support/engine";
import { startHost, type HostClient } from "../support/host";

const PROJECT = "gcpops-cloud-deploy";
const NAME = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

describe("examples/cloud-deploy", () => {
    let emu: OperationsEmulator;
    let host: HostClient;
    let example: QuickstartProgram;
    let url: string;

    beforeAll(async () => {
        emu = new OperationsEmulator();
        url = await emu.start();
        example = prepareExample("cloud-deploy", PROJECT);
        host = await startHost({ cwd: example.dir.dir });
        await host.configure({ "gcp:accessToken": DEFAULT_TOKEN });
    });
    afterAll(async () => {
        await host?.stop();
        await emu?.stop();
        example?.dir.cleanup();
    });

    test("cancels the operation named in config, once", async () => {
        emu.add({ name: NAME, service: "clouddeploy", cancelTakesMs: 100 });
        const config = { "gcp:accessToken": DEFAULT_TOKEN, [`${PROJECT}:operation`]: NAME, [`${PROJECT}:endpoint`]: url };
        const engine = new EngineSimulator(host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const first = await engine.up(example.program);
        expect(first.outputs).toMatchObject({ operation: NAME, outcome: "CANCELLED" });
        expect(emu.count({ rpc: "cancel", operation: NAME })).toBe(1);

        const before = emu.count();
        const second = await engine.up(example.program);
        expect(Object.values(second.steps)).toEqual(["same"]);
        expect(emu.count()).toBe(before);
        await engine.destroy();
    });

});
