/**
 * The mutation run's test index (tests/support/mutationTestIndex.ts): the dry run records each file's test
 * names as Stryker spells them, and a mutant's run loads only the files holding one of its tests, never
 * fewer than could run one.
 */
import type { Circus } from "@jest/types";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import TestRunner from "jest-runner";
import MutationBailEnvironment from "../support/mutationBailEnvironment";
import MutationTestRunner from "../support/mutationTestRunner";
import { fullTestNames, readTestIndex, recordTestFile, selectTestFiles, TEST_INDEX_DIR_VARIABLE } from "../support/mutationTestIndex";

type Node = { type: "test" | "describeBlock"; name: string; children?: Node[] };
const test_ = (name: string): Node => ({ type: "test", name });
const block = (name: string, children: Node[]): Node => ({ type: "describeBlock", name, children });
const root = (children: Node[]) => block("ROOT_DESCRIBE_BLOCK", children) as unknown as Circus.DescribeBlock;

describe("the mutation run's test index", () => {
    const saved = { mutant: process.env.__STRYKER_ACTIVE_MUTANT__, dir: process.env[TEST_INDEX_DIR_VARIABLE] };
    let dir: string;
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "test-index-"));
    });
    afterEach(() => {
        rmSync(dir, { recursive: true, force: true });
        for (const [key, value] of [["__STRYKER_ACTIVE_MUTANT__", saved.mutant], [TEST_INDEX_DIR_VARIABLE, saved.dir]] as const) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    });

    test("full names join the describe names and the test's, without the root block, as Stryker's test ids", () => {
        const names = fullTestNames(root([test_("top level"), block("outer", [test_("a"), block("inner", [test_("b (1 of 2)")])]), block("empty", [])]));
        expect(names).toEqual(["top level", "outer a", "outer inner b (1 of 2)"]);
    });

    test("a recorded file is read back by its path; a second record of the same file replaces the first", () => {
        recordTestFile(dir, { file: "/sandbox/dist/tests/a.test.js", names: ["old"], durationMs: 9 });
        recordTestFile(dir, { file: "/sandbox/dist/tests/a.test.js", names: ["a one", "a two"], durationMs: 10 });
        recordTestFile(dir, { file: "/sandbox/dist/tests/b.test.js", names: ["b one"], durationMs: 20 });
        expect([...readTestIndex(dir).values()].sort((x, y) => x.file.localeCompare(y.file))).toEqual([
            { file: "/sandbox/dist/tests/a.test.js", names: ["a one", "a two"], durationMs: 10 },
            { file: "/sandbox/dist/tests/b.test.js", names: ["b one"], durationMs: 20 },
        ]);
        expect(readTestIndex(join(dir, "missing")).size).toBe(0);
    });

    test("only the files holding a test the pattern names are kept, matched as jest matches (regex, any case), quickest first; unknown files are kept, last", () => {
        const entry = (file: string, names: string[], durationMs: number) => [file, { file, names, durationMs }] as const;
        const index = new Map([
            entry("/t/a.js", ["suite a adds (1 + 1)", "suite a subtracts"], 900),
            entry("/t/b.js", ["suite b waits", "suite b adds"], 50),
            entry("/t/c.js", [], 1),
        ]);
        const files = ["/t/new.js", "/t/a.js", "/t/b.js", "/t/c.js"].map((path) => ({ path }));
        const chosen = (pattern: string) => selectTestFiles(files, pattern, index).map((t) => t.path);
        // Stryker's pattern: each test id escaped and parenthesised, joined by `|`.
        expect(chosen("(suite a adds \\(1 \\+ 1\\))")).toEqual(["/t/a.js", "/t/new.js"]);
        expect(chosen("(SUITE A SUBTRACTS)|(suite b waits)")).toEqual(["/t/b.js", "/t/a.js", "/t/new.js"]);
        expect(chosen("(nothing of these)")).toEqual(["/t/new.js"]);
    });

    test("the runner hands jest's own only the selected files for a mutant's pattern, and every file without a pattern or an index", async () => {
        const handed: string[][] = [];
        const spy = jest.spyOn(TestRunner.prototype, "runTests").mockImplementation(async (tests) => {
            handed.push(tests.map((t) => t.path));
        });
        try {
            recordTestFile(dir, { file: "/t/a.js", names: ["a one"], durationMs: 5 });
            recordTestFile(dir, { file: "/t/b.js", names: ["b one"], durationMs: 5 });
            const files = [{ path: "/t/a.js" }, { path: "/t/b.js" }] as Parameters<TestRunner["runTests"]>[0];
            const run = (testNamePattern: string | undefined) =>
                new MutationTestRunner({ testNamePattern } as ConstructorParameters<typeof TestRunner>[0], {}).runTests(files, {} as Parameters<TestRunner["runTests"]>[1], { serial: true });
            process.env[TEST_INDEX_DIR_VARIABLE] = dir;
            await run("(a one)");
            await run(undefined);
            delete process.env[TEST_INDEX_DIR_VARIABLE];
            await run("(a one)");
            expect(handed).toEqual([["/t/a.js"], ["/t/a.js", "/t/b.js"], ["/t/a.js", "/t/b.js"]]);
        } finally {
            spy.mockRestore();
        }
    });

    describe("the environment records a file at the end of a run with no mutant active, and only then", () => {
        const environment = { testFile: "/sandbox/dist/tests/x.test.js", startedAt: Date.now() } as unknown as MutationBailEnvironment;
        const state = { rootDescribeBlock: root([block("x", [test_("one"), test_("two")])]) } as Circus.State;
        const runFinish = { name: "run_finish" } as Circus.Event;

        test("the dry run (no mutant) writes the file's names", () => {
            delete process.env.__STRYKER_ACTIVE_MUTANT__;
            process.env[TEST_INDEX_DIR_VARIABLE] = dir;
            MutationBailEnvironment.prototype.handleTestEvent.call(environment, { name: "run_start" } as Circus.Event, state);
            expect(readTestIndex(dir).size).toBe(0);
            MutationBailEnvironment.prototype.handleTestEvent.call(environment, runFinish, state);
            expect(readTestIndex(dir).get("/sandbox/dist/tests/x.test.js")).toEqual({ file: "/sandbox/dist/tests/x.test.js", names: ["x one", "x two"], durationMs: expect.any(Number) });
        });

        test("a mutant's run, or a run without the index folder set, writes nothing", () => {
            process.env.__STRYKER_ACTIVE_MUTANT__ = "7";
            process.env[TEST_INDEX_DIR_VARIABLE] = dir;
            MutationBailEnvironment.prototype.handleTestEvent.call(environment, runFinish, state);
            delete process.env.__STRYKER_ACTIVE_MUTANT__;
            delete process.env[TEST_INDEX_DIR_VARIABLE];
            MutationBailEnvironment.prototype.handleTestEvent.call(environment, runFinish, state);
            expect(readTestIndex(dir).size).toBe(0);
        });
    });
});
