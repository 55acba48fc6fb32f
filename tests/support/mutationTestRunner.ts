/**
 * The jest runner of a mutation run (`jest.stryker.config.js`): jest's own, given only the test files that
 * hold one of the tests Stryker asked for (tests/support/mutationTestIndex.ts says why). Without a test-name
 * pattern (the dry run) or without an index, every file runs.
 */
import TestRunner from "jest-runner";
import { readTestIndex, selectTestFiles, TEST_INDEX_DIR_VARIABLE } from "./mutationTestIndex";

type RunTestsArguments = Parameters<TestRunner["runTests"]>;

export default class MutationTestRunner extends TestRunner {
    override async runTests(tests: RunTestsArguments[0], watcher: RunTestsArguments[1], options: RunTestsArguments[2]): Promise<void> {
        const pattern = this._globalConfig.testNamePattern;
        const dir = process.env[TEST_INDEX_DIR_VARIABLE];
        const chosen = pattern && dir ? selectTestFiles(tests, pattern, readTestIndex(dir)) : tests;
        return super.runTests(chosen, watcher, options);
    }
}
