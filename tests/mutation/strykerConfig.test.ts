/**
 * docs/mutation.md states the settings of a mutation run (`stryker.config.json`); each statement is checked
 * against the file, so the two cannot drift apart.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");
const config = JSON.parse(readFileSync(join(root, "stryker.config.json"), "utf8")) as Record<string, unknown>;
const doc = readFileSync(join(root, "docs", "mutation.md"), "utf8").replace(/\s+/g, " ");

describe("the mutation run's settings as docs/mutation.md states them", () => {
    test.each<[string, unknown, string]>([
        ["concurrency", 2, "`concurrency: 2` (one checker process, one test runner)"],
        ["maxTestRunnerReuse", 10, "`maxTestRunnerReuse: 10`: the jest runner is a fresh process after every 10 mutants"],
        ["timeoutMS", 5000, "`timeoutMS` (5 s)"],
        ["timeoutFactor", 1.5, "1.5 × the tests' own time (`timeoutFactor`)"],
        ["ignoreStatic", true, "(`ignoreStatic: true`)"],
        ["coverageAnalysis", "perTest", '`coverageAnalysis: "perTest"`'],
        ["buildCommand", "tsc -p tsconfig.json", "with `tsc -p tsconfig.json` (`buildCommand`)"],
        ["tsconfigFile", "tsconfig.stryker.json", 'checks the library\'s sources alone (`tsconfigFile: "tsconfig.stryker.json"`, `provider/**/*.ts`)'],
    ])("%s is %p, as the document says", (key, value, statement) => {
        expect(config[key]).toEqual(value);
        expect(doc).toContain(statement);
    });

    test("the checker's TypeScript configuration is the project's, over the library's sources alone", () => {
        const checker = JSON.parse(readFileSync(join(root, String(config.tsconfigFile)), "utf8")) as Record<string, unknown>;
        expect(checker).toEqual({ extends: "./tsconfig.json", include: ["provider/**/*.ts"] });
    });

    test("the generated registry and the trampoline are left out, as the document says", () => {
        expect(config.mutate).toEqual(expect.arrayContaining(["!provider/google/registry/discovered.ts", "!provider/dynamic/trampoline.ts"]));
        expect(doc).toContain("**Not mutated**: `provider/google/registry/discovered.ts`");
        expect(doc).toContain("`provider/dynamic/trampoline.ts`");
    });
});
