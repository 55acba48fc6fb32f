/**
 * Every example the command line's `--help` shows runs against the emulator: the `$ pulumi-gcp-operations …`
 * lines of `pulumi-gcp-operations --help` and of `pulumi-gcp-operations COMMAND --help` for every command
 * module in provider/cli/commands/ (their EXAMPLES), read from the built bin's own help when the tests run.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BIN, ROOT, useDocMachine } from "./environment";
import { readDocumentedExamples, shellLines } from "./markdown";
import { missingTools, runShellLine } from "./runner";

const COMMANDS = fs
    .readdirSync(path.join(ROOT, "provider", "cli", "commands"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();

/** The help of `pulumi-gcp-operations [COMMAND] --help`, and its examples. */
function helpExamples(command: string | undefined): { status: number | null; help: string; examples: Array<{ line: number; text: string }> } {
    const r = spawnSync(process.execPath, [BIN, ...(command ? [command] : []), "--help"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    const help = r.stdout ?? "";
    return { status: r.status, help, examples: shellLines(help, 1).filter((l) => /^pulumi-gcp-operations\s/.test(l.text)) };
}

const HELPS = new Map([undefined, ...COMMANDS].map((command) => [command, helpExamples(command)]));

const seeds = readDocumentedExamples(ROOT).fences.filter((f) => f.marker?.kind === "seed");
const seedText = seeds.length === 1 ? seeds[0].body : undefined;

describe("the examples of the command line's --help", () => {
    const machine = useDocMachine();

    test("there is a command module for every command, and each has examples", () => {
        expect(COMMANDS.length).toBeGreaterThanOrEqual(5);
        for (const command of COMMANDS) {
            const { status, examples } = HELPS.get(command) ?? helpExamples(command);
            expect({ command, status, examples: examples.length > 0 }).toEqual({ command, status: 0, examples: true });
        }
    });

    for (const command of [undefined, ...COMMANDS]) {
        const title = `pulumi-gcp-operations ${command ? `${command} ` : ""}--help`;
        const { examples } = HELPS.get(command) ?? helpExamples(command);
        describe(title, () => {
            for (const example of examples) {
                const missing = missingTools(example.text);
                (missing.length > 0 && process.env.CI !== "true" ? test.skip : test)(example.text.replace(/\s*\\\n\s*/g, " "), async () => {
                    const verdict = await runShellLine(machine, new Map(), example.text, seedText);
                    expect(verdict.problems).toEqual([]);
                });
            }
        });
    }
});
