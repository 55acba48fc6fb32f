/**
 * The documented Pulumi programs (ts blocks marked `pulumi-program`) are type-checked by markdown.test.ts.
 * Those that stand on their own (no `given` declarations) also run here: `pulumi up` and `pulumi destroy`
 * of a fresh stack with the real Pulumi CLI, against the emulator under Google's host names, with
 * Application Default Credentials (the doc machine's metadata server). Every operation the program names
 * must have been reached, and an output documented in a comment (`export const x = …; // "VALUE"`) must be
 * what the stack outputs. Without the real engine the suite is skipped, saying so (never under CI=true).
 */
import { CliStack } from "../support/cliStack";
import { describeRealEngine } from "../support/pulumiCli";
import { ROOT, useDocMachine } from "./environment";
import { readDocumentedExamples } from "./markdown";
import { operationsInSource } from "./shell";
import { prepareSnippets, type PreparedSnippet } from "./typescript";
import * as fs from "node:fs";

const programs = readDocumentedExamples(ROOT).fences.filter((f) => f.marker?.kind === "pulumi-program" && !f.marker.given);

/** The variables that route a process to the doc machine's Google and credentials. */
const MACHINE_VARIABLES = ["HTTPS_PROXY", "NO_PROXY", "NODE_EXTRA_CA_CERTS", "GCE_METADATA_HOST"];

describeRealEngine("the documented Pulumi programs", (cli) => {
    const machine = useDocMachine();
    let snippets: PreparedSnippet[] = [];
    beforeAll(() => {
        snippets = prepareSnippets(programs, machine.dir);
    }, 180_000);

    test("README.md's first example is one of them", () => {
        expect(programs.map((f) => f.file)).toContain("README.md");
    });

    for (const fence of programs) {
        test(`${fence.file}:${fence.line} (ts) runs: pulumi up, then pulumi destroy`, async () => {
            const snippet = snippets.find((s) => s.fence === fence) as PreparedSnippet;
            expect(snippet.diagnostics).toEqual([]);
            const named = operationsInSource(fence.body);
            machine.seed(named);
            const env = machine.env();
            const routing = Object.fromEntries(MACHINE_VARIABLES.map((k) => [k, env[k] ?? ""]));
            const stack = await CliStack.create(cli, {
                project: "doc-example",
                program: fs.readFileSync(snippet.output, "utf8"),
                // pulumiEnv turns metadata server detection off; here ADC is the point.
                env: { ...routing, METADATA_SERVER_DETECTION: "assume-present" },
            });
            try {
                const up = await stack.up();
                expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
                // A documented value (`export const outcome = stuck.outcome; // "CANCELLED"`) is what the stack outputs.
                const claimed = [...fence.body.matchAll(/^export const (\w+)\s*=.*;\s*\/\/\s*("[^"]*")\s*$/gm)].map((m) => [m[1], JSON.parse(m[2]) as string]);
                const outputs = await stack.outputs();
                expect(claimed.map(([name]) => [name, outputs[name]])).toEqual(claimed);
                const requests = machine.hosts().emu.requests;
                for (const op of named) expect({ op: op.name, reached: requests.some((r) => r.operation === op.name && r.hostname.endsWith(".googleapis.com")) }).toEqual({ op: op.name, reached: true });
                const destroy = await stack.destroy();
                expect({ code: destroy.code, output: destroy.code === 0 ? "" : destroy.output }).toEqual({ code: 0, output: "" });
            } finally {
                await stack.cleanup();
            }
        }, 300_000);
    }
});
