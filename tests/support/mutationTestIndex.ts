/**
 * Which test file holds which tests, as the dry run of a mutation run (`npm run mutate`) found them.
 *
 * Stryker's jest runner picks a mutant's tests by name (`testNamePattern`), so jest still loads every test
 * file of the run and skips the tests that do not match: 14–18 s per mutant on this machine for the 56 files
 * of the google folder's suites, most of a mutant's time. The dry run (no mutant active) records each file's
 * test names here (tests/support/mutationBailEnvironment.ts); for each mutant the jest runner of the mutation
 * run (tests/support/mutationTestRunner.ts) then leaves out the files that hold none of the mutant's tests.
 * Nothing is left out that could run one of them: a file missing from the index is kept.
 */
import type { Circus } from "@jest/types";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The environment variable naming the folder of the index (set by `jest.stryker.config.js`). */
export const TEST_INDEX_DIR_VARIABLE = "MUTATION_TEST_INDEX_DIR";

/** One test file's entry: its path, its tests' full names, and how long the file took in the dry run. */
export interface TestFileEntry {
    file: string;
    names: string[];
    durationMs: number;
}

/**
 * The full names of the tests under a describe block, spelled as Stryker spells a test's id (the describe
 * names and the test's own, joined by spaces; the root block unnamed), which is what its pattern matches.
 */
export function fullTestNames(block: Circus.DescribeBlock, prefix = ""): string[] {
    const names: string[] = [];
    for (const child of block.children) {
        const name = `${prefix} ${child.name}`.trimStart();
        if (child.type === "test") names.push(name);
        else names.push(...fullTestNames(child, name));
    }
    return names;
}

/** Records one test file's names in the index folder (one file per test file, replaced on each dry run). */
export function recordTestFile(dir: string, entry: TestFileEntry): void {
    mkdirSync(dir, { recursive: true });
    const key = createHash("sha1").update(entry.file).digest("hex");
    writeFileSync(join(dir, `${key}.json`), JSON.stringify(entry));
}

/** The index: test file path → its entry. Empty when the folder does not exist. */
export function readTestIndex(dir: string): Map<string, TestFileEntry> {
    const index = new Map<string, TestFileEntry>();
    let files: string[];
    try {
        files = readdirSync(dir);
    } catch {
        return index;
    }
    for (const name of files) {
        if (!name.endsWith(".json")) continue;
        const entry = JSON.parse(readFileSync(join(dir, name), "utf8")) as TestFileEntry;
        index.set(entry.file, entry);
    }
    return index;
}

/**
 * The test files worth loading for a test-name pattern (matched as jest matches it: a case-insensitive
 * regular expression against each full name), quickest first: those whose recorded names include a match,
 * in the order of their dry-run time, then those not in the index at all. One failing test decides a
 * mutant and the bail environment fails the rest at once, so the quick files get the first chance.
 */
export function selectTestFiles<T extends { path: string }>(tests: readonly T[], testNamePattern: string, index: ReadonlyMap<string, TestFileEntry>): T[] {
    const pattern = new RegExp(testNamePattern, "i");
    const known: Array<{ test: T; durationMs: number }> = [];
    const unknown: T[] = [];
    for (const test of tests) {
        const entry = index.get(test.path);
        if (entry === undefined) unknown.push(test);
        else if (entry.names.some((name) => pattern.test(name))) known.push({ test, durationMs: entry.durationMs });
    }
    known.sort((a, b) => a.durationMs - b.durationMs);
    return [...known.map(({ test }) => test), ...unknown];
}
