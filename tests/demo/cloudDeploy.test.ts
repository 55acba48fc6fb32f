/**
 * examples/cloud-deploy, unchanged, through Pulumi's dynamic-provider host against the emulator: the
 * operation named in stack config is cancelled once; a second up sends nothing.
 */
import { DEFAULT_TOKEN } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { useExampleStack } from "./exampleStack";

const PROJECT = "gcpops-cloud-deploy";
const NAME = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc";

describe("examples/cloud-deploy", () => {
    const stack = useExampleStack("cloud-deploy", PROJECT);

    test("cancels the operation named in config, once", async () => {
        stack.emu.add({ name: NAME, service: "clouddeploy", cancelTakesMs: 100 });
        const config = { "gcp:accessToken": DEFAULT_TOKEN, [`${PROJECT}:operation`]: NAME, [`${PROJECT}:endpoint`]: stack.url };
        const engine = new EngineSimulator(stack.host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const first = await engine.up(stack.example.program);
        expect(first.outputs).toMatchObject({ operation: NAME, outcome: "CANCELLED" });
        expect(stack.emu.count({ rpc: "cancel", operation: NAME })).toBe(1);

        const before = stack.emu.count();
        const second = await engine.up(stack.example.program);
        expect(Object.values(second.steps)).toEqual(["same"]);
        expect(stack.emu.count()).toBe(before);
        await engine.destroy();
    });

});
