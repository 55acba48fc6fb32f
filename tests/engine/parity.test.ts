/**
 * The engine simulator against the real engine: each scenario runs on both, and both must leave the same
 * state. Each scenario is one place where the simulator used to differ from Pulumi's engine.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliStack } from "../support/cliStack";
import { EngineSimulator } from "../support/engine";
import { startHost } from "../support/host";
import { createProgramDir } from "../support/programDir";
import { describeRealEngine } from "../support/pulumiCli";
import { ParityThing, type ParityArgs } from "./parityProvider";

type Spec = Array<{ name: string; args: ParityArgs }>;
type Step = { up: Spec } | { refresh: true };
/** What a scenario looks at, per resource: in state or not, its stage output, its recorded note input, its init errors. */
type Observed = Record<string, { stage: unknown; note: unknown; initErrors: number } | "absent">;

const PROVIDER_MODULE = path.join(__dirname, "parityProvider.js");

const scenarios: Array<{ title: string; names: string[]; steps: Step[] }> = [
    {
        title: "a successful refresh clears init errors: the next up with no change runs no update",
        names: ["a"],
        steps: [{ up: [{ name: "a", args: { value: "1", failInit: true } }] }, { refresh: true }, { up: [{ name: "a", args: { value: "1", failInit: true } }] }],
    },
    {
        title: "without a refresh, init errors make the next up update even when diff reports no change",
        names: ["a"],
        steps: [{ up: [{ name: "a", args: { value: "1", failInit: true } }] }, { up: [{ name: "a", args: { value: "1", failInit: true } }] }],
    },
    {
        title: "a same step keeps the old outputs but records the new inputs",
        names: ["a"],
        steps: [{ up: [{ name: "a", args: { value: "1", note: "old" } }] }, { up: [{ name: "a", args: { value: "1", note: "new" } }] }],
    },
    // Not here: "no step after a failed one". The simulator stops scheduling after a failure as the engine
    // does, but its mocked runtime delivers registrations in the order their inputs finish serializing, not
    // the program's, so which of two independent resources comes first cannot be made the same on both.
];

async function onSimulator(names: string[], steps: Step[]): Promise<Observed> {
    const program = createProgramDir({ project: "gcpops-parity" });
    const host = await startHost({ cwd: program.dir });
    try {
        await host.configure({});
        // As the real engine runs below: one step at a time (`--parallel 1`).
        const engine = new EngineSimulator(host, { project: "gcpops-parity", stack: "dev", parallel: 1 });
        for (const step of steps) {
            if ("refresh" in step) await engine.refresh();
            else await engine.up(() => void step.up.forEach((r) => new ParityThing(r.name, r.args))).catch(() => undefined);
        }
        const observed: Observed = {};
        for (const name of names) {
            const entry = [...engine.state.values()].find((e) => e.urn.endsWith(`::${name}`));
            observed[name] = entry ? { stage: entry.outputs.stage, note: entry.inputs.note, initErrors: entry.initErrors?.length ?? 0 } : "absent";
        }
        return observed;
    } finally {
        await host.stop();
        program.cleanup();
    }
}

const REAL_PROGRAM = `"use strict";
const fs = require("fs");
const path = require("path");
const { ParityThing } = require(${JSON.stringify(PROVIDER_MODULE)});
for (const r of JSON.parse(fs.readFileSync(path.join(__dirname, "spec.json"), "utf8"))) new ParityThing(r.name, r.args);
`;

describeRealEngine("engine simulator parity", (cli) => {
    for (const scenario of scenarios) {
        test(scenario.title, async () => {
            const stack = await CliStack.create(cli, { project: "gcpops-parity", program: REAL_PROGRAM });
            let real: Observed;
            try {
                for (const step of scenario.steps) {
                    if ("refresh" in step) {
                        expect((await stack.refresh()).code).toBe(0);
                    } else {
                        fs.writeFileSync(path.join(stack.program.dir, "spec.json"), JSON.stringify(step.up));
                        await stack.up(["--parallel", "1"]);
                    }
                }
                const resources = (await stack.exportState()).deployment.resources ?? [];
                real = {};
                for (const name of scenario.names) {
                    const r = resources.find((x) => x.type.endsWith(":ParityThing") && x.urn.endsWith(`::${name}`));
                    real[name] = r ? { stage: r.outputs?.stage, note: r.inputs?.note, initErrors: r.initErrors?.length ?? 0 } : "absent";
                }
            } finally {
                await stack.cleanup();
            }
            const simulated = await onSimulator(scenario.names, scenario.steps);
            expect(simulated).toEqual(real);
        }, 120_000);
    }
});
