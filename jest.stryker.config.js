/**
 * The jest configuration of `npm run mutate` (Stryker): the project's configuration without the suites that
 * cannot kill a mutant of provider/google, provider/dynamic or provider/sweep in a useful time.
 * docs/mutation.md says why each is left out.
 *
 * MUTATE_TESTS (optional): a comma-separated list of test folders, e.g. `tests/sweep,tests/host`, to run only
 * those suites (a per-folder run on a busy machine; docs/mutation.md).
 */
const base = require("./jest.config.js");

// Read by the tests that check committed files rather than code (tests/google/registry.test.ts).
process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN = "1";
// Where the dry run records which test file holds which tests, so that each mutant loads only the files of its
// own tests (tests/support/mutationTestIndex.ts). Inside the run's sandbox: each run starts a fresh one.
process.env.MUTATION_TEST_INDEX_DIR = require("node:path").join(__dirname, ".stryker", "test-index");

const only = (process.env.MUTATE_TESTS ?? "")
    .split(",")
    .map((folder) => folder.trim().replace(/^\/+|\/+$/g, ""))
    .filter((folder) => folder !== "");

module.exports = {
    ...base,
    // Fails the rest of a mutant's tests once one has killed it (Stryker's jest runner cannot bail).
    // An absolute path: Stryker requires the environment by this name (it does not expand <rootDir>).
    testEnvironment: require("node:path").join(__dirname, "dist", "tests", "support", "mutationBailEnvironment.js"),
    // Jest's runner, given only the files that hold the mutant's tests (tests/support/mutationTestRunner.ts).
    runner: require("node:path").join(__dirname, "dist", "tests", "support", "mutationTestRunner.js"),
    ...(only.length > 0 ? { roots: only.map((folder) => `<rootDir>/dist/${folder}`) } : {}),
    testPathIgnorePatterns: [
        "/node_modules/",
        // The real Pulumi CLI, minutes per test; the same code runs in-process in tests/cancellation, tests/sweep, tests/host.
        "<rootDir>/dist/tests/engine/",
        // Load, packaging, documented examples, conformance peers and demos: child processes and external tools.
        "<rootDir>/dist/tests/load/",
        "<rootDir>/dist/tests/package/",
        "<rootDir>/dist/tests/docs/",
        "<rootDir>/dist/tests/conformance/",
        "<rootDir>/dist/tests/demo/",
        // The bin runs as a child process: per-test coverage cannot see it, and provider/cli is not mutated.
        "<rootDir>/dist/tests/cli/",
        // The emulator (provider/testing) is not mutated.
        "<rootDir>/dist/tests/emulator/",
        // A heap measurement over 10,000 operations (16 s); its behaviour is covered by tests/sweep/engine.
        "<rootDir>/dist/tests/sweep/memory.test.js",
    ],
};
