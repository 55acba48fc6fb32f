/**
 * Every example of README.md and docs/*.md runs against the emulator, extracted from the files as they
 * are now: each line of every `sh` block, every inline command of the bin, every `ts` snippet (run, or
 * type-checked when marked as a Pulumi program), the documented seed file. A block that does not run says
 * so in the doc (```text, or a `<!-- doc-example: skip: REASON -->` marker). See tests/docs/README.md.
 */
import { validateSeed } from "../../provider/testing";
import { ROOT, useDocMachine } from "./environment";
import { readDocumentedExamples, shellLines, type Fence } from "./markdown";
import { missingTools, runShellLine, runSnippet, type Session } from "./runner";
import { prepareSnippets, type PreparedSnippet } from "./typescript";

const found = readDocumentedExamples(ROOT);
const seeds = found.fences.filter((f) => f.marker?.kind === "seed");
const seedText = seeds.length === 1 ? seeds[0].body : undefined;
const summary = (text: string) => (text.length > 110 ? `${text.slice(0, 110)}…` : text).replace(/\s*\\\n\s*/g, " ");

describe("the examples of README.md and docs/*.md", () => {
    const machine = useDocMachine();
    let snippets: PreparedSnippet[] = [];
    beforeAll(() => {
        snippets = prepareSnippets(found.fences, machine.dir);
    }, 180_000);

    test("every block is one the runner runs, or is marked as not run", () => {
        expect(found.problems).toEqual([]);
        expect(found.fences.length).toBeGreaterThan(10);
    });

    test("the seed file the examples name is documented once, and the emulator accepts it", () => {
        expect(seeds.map((f) => `${f.file}:${f.line}`)).toHaveLength(1);
        expect(() => validateSeed(JSON.parse(seedText ?? "null"))).not.toThrow();
    });

    const byFile = new Map<string, Fence[]>();
    for (const fence of found.fences) byFile.set(fence.file, [...(byFile.get(fence.file) ?? []), fence]);

    for (const [file, fences] of byFile) {
        describe(file, () => {
            for (const fence of fences) {
                const where = `${fence.file}:${fence.line}`;
                if (fence.marker?.kind === "skip") {
                    test.skip(`${where} (${fence.info}) is not run: ${fence.marker.reason}`, () => undefined);
                    continue;
                }
                if (fence.kind === "shell") {
                    describe(`${where} (${fence.info} block)`, () => {
                        const session: Session = new Map();
                        for (const line of shellLines(fence.body, fence.bodyLine)) {
                            const name = `${fence.file}:${line.line}: ${summary(line.text)}`;
                            const missing = missingTools(line.text);
                            if (missing.length > 0 && process.env.CI !== "true") {
                                test.skip(`${name} (needs ${missing.join(", ")}, not installed)`, () => undefined);
                                continue;
                            }
                            test(name, async () => {
                                const verdict = await runShellLine(machine, session, line.text, seedText);
                                expect(verdict.problems).toEqual([]);
                            });
                        }
                    });
                } else if (fence.kind === "typescript") {
                    const what = fence.marker?.kind === "pulumi-program" ? "type-checks (a Pulumi program: it needs a stack)" : "runs";
                    test(`${where} (ts) ${what}`, async () => {
                        const snippet = snippets.find((s) => s.fence === fence);
                        expect(snippet).toBeDefined();
                        const verdict = await runSnippet(machine, snippet as PreparedSnippet);
                        expect(verdict.problems).toEqual([]);
                    });
                }
            }
            for (const inline of found.inline.filter((i) => i.file === file)) {
                const missing = missingTools(inline.text);
                (missing.length > 0 && process.env.CI !== "true" ? test.skip : test)(`${inline.file}:${inline.line}: \`${summary(inline.text)}\` (inline)`, async () => {
                    const verdict = await runShellLine(machine, new Map(), inline.text, seedText);
                    expect(verdict.problems).toEqual([]);
                });
            }
        });
    }
});
