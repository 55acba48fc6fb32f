/**
 * examples/cloudsql-import-unblock, unchanged, through Pulumi's dynamic-provider host against the emulator:
 * `up` cancels the instance's running import before the instance's change; the same config sends nothing
 * more; a new `unblock` value sweeps again.
 */
import { DEFAULT_TOKEN } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { useExampleStack } from "./exampleStack";

const PROJECT = "gcpops-cloudsql-import-unblock";
const op = (n: number) => `projects/demo-project/operations/7e1f0c2a-0000-4000-8000-00000000000${n}`;

describe("examples/cloudsql-import-unblock", () => {
    const stack = useExampleStack("cloudsql-import-unblock", PROJECT);

    test("up cancels the instance's import first (ENDED), nothing else; the same config sends nothing; a new unblock value sweeps again", async () => {
        stack.emu.addMany(
            { service: "sqladmin", name: op(1), targetId: "db-1", operationType: "IMPORT" },
            { service: "sqladmin", name: op(2), targetId: "db-1", operationType: "EXPORT" },
            { service: "sqladmin", name: op(3), targetId: "db-2", operationType: "IMPORT" },
        );
        const config: Record<string, string> = { "gcp:accessToken": DEFAULT_TOKEN, "gcp:project": "demo-project", [`${PROJECT}:endpoint`]: `${stack.url}/sqladmin` };
        const engine = new EngineSimulator(stack.host, { project: PROJECT, stack: "dev", config, secretKeys: ["gcp:accessToken"] });

        const first = await engine.up(stack.example.program);
        expect(first.outputs).toMatchObject({ blockedInstance: "db-1", importsMatched: [op(1)], importsEnded: [op(1)] });
        expect(stack.emu.requests.filter((r) => r.rpc === "cancel").map((r) => r.operation)).toEqual([op(1)]);

        const before = stack.emu.count();
        await engine.up(stack.example.program);
        expect(stack.emu.count()).toBe(before);

        // A new import; the program's config is what a user's `pulumi config set unblock …` changes.
        stack.emu.add({ service: "sqladmin", name: op(4), targetId: "db-1", operationType: "IMPORT" });
        config[`${PROJECT}:unblock`] = "2026-11-22";
        const third = await engine.up(stack.example.program);
        expect(third.outputs).toMatchObject({ importsMatched: [op(4)], importsEnded: [op(4)] });
        expect(stack.emu.requests.filter((r) => r.rpc === "cancel").map((r) => r.operation)).toEqual([op(1), op(4)]);
        await engine.destroy();
        expect(engine.state.size).toBe(0);
    });
});
