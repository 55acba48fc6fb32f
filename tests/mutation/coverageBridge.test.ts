/**
 * The mutation run's coverage bridge for dynamic-provider hosts (tests/support/mutationCoverage*.ts): a child
 * with the bridge preloaded reports the counters of loading the runtime as static coverage and those of each
 * call for the test that made it; the test's side files each where Stryker looks for it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { childCoverage, execNodeScript } from "../support/mutationCoverage";
import { repoRoot } from "../support/programDir";

type Counters = Record<string, number>;
interface Namespace {
    currentTestId?: string;
    mutantCoverage?: { static: Counters; perTest: Record<string, Counters> };
}

// What an instrumented build does: counters in __stryker__.mutantCoverage.static, bumped as code runs.
const CHILD = `
const counters = (globalThis.__stryker__ = { mutantCoverage: { static: {} } }).mutantCoverage.static;
counters["7"] = 1; // code that ran before the runtime was loaded (the host's own start)
const runtime = require("pulumi-gcp-operations/runtime");
counters["8"] = 2; // code run by a call
runtime.providerFor("cancellation");
counters["9"] = 1; // and by the next call
runtime.providerFor("sweep");
`;

describe("coverage of provider code run by a host child", () => {
    const saved = { run: process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN, ns: (globalThis as { __stryker__?: Namespace }).__stryker__ };
    afterEach(() => {
        if (saved.run === undefined) delete process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN;
        else process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN = saved.run;
        (globalThis as { __stryker__?: Namespace }).__stryker__ = saved.ns;
    });

    test("outside a mutation run there is no bridge", () => {
        delete process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN;
        expect(childCoverage()).toBeUndefined();
    });

    test("loading the runtime counts as static coverage; each call counts for the test current when it is taken", () => {
        process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN = "1";
        const bridge = childCoverage()!;
        try {
            const child = spawnSync(process.execPath, [...bridge.preload.flatMap((p) => ["--require", p]), "-e", CHILD], { cwd: repoRoot(), env: { ...process.env, ...bridge.env }, encoding: "utf8" });
            expect(child.stderr).toBe("");
            expect(child.status).toBe(0);
            const ns: Namespace = { currentTestId: "a test", mutantCoverage: { static: {}, perTest: {} } };
            (globalThis as { __stryker__?: Namespace }).__stryker__ = ns;
            bridge.take();
            expect(ns.mutantCoverage!.static).toEqual({ "7": 1 });
            expect(ns.mutantCoverage!.perTest).toEqual({ "a test": { "8": 2, "9": 1 } });
            bridge.take();
            expect(ns.mutantCoverage!.perTest).toEqual({ "a test": { "8": 2, "9": 1 } });
        } finally {
            bridge.dispose();
        }
    });

    test("a script run to its end (execNodeScript): loading it is static coverage; what it covered afterwards counts for the current test", () => {
        process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN = "1";
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bridge-script-"));
        try {
            const script = path.join(dir, "scenario.js");
            fs.writeFileSync(
                script,
                'const c = (globalThis.__stryker__ = { mutantCoverage: { static: {} } }).mutantCoverage.static; c["3"] = 1; setTimeout(() => { c["4"] = 3; c["5"] = 1; console.log("done"); }, 10);',
            );
            const ns: Namespace = { currentTestId: "the scenario's test", mutantCoverage: { static: {}, perTest: {} } };
            (globalThis as { __stryker__?: Namespace }).__stryker__ = ns;
            expect(execNodeScript(script, [], { encoding: "utf8", cwd: repoRoot() })).toBe("done\n");
            expect(ns.mutantCoverage!.perTest).toEqual({ "the scenario's test": { "4": 3, "5": 1 } });
            expect(ns.mutantCoverage!.static).toEqual({ "3": 1 });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    test("outside a mutation run, execNodeScript runs node with nothing preloaded", () => {
        delete process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN;
        const env = { ...process.env };
        delete env.NODE_OPTIONS;
        expect(execNodeScript("-p", ["process.execArgv.includes('--require') + ' ' + Object.keys(require.cache).length"], { encoding: "utf8", env }).trim()).toBe("false 0");
    });
});
