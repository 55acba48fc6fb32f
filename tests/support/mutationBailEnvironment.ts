/**
 * The jest environment of a mutation run (`jest.stryker.config.js`): once a test has failed with a mutant
 * active, the rest of that mutant's tests fail at once instead of running. Stryker's jest runner cannot bail
 * (jest offers no programmatic bail), so a mutant that breaks every sweep ran every covering test to its
 * end, failing slowly, and most such mutants ended as timeouts of a minute each. One failure is all a mutant
 * needs to count as killed, so skipping the rest changes no result. Outside a mutant run (no active mutant:
 * the dry run, `npm test`) it is jest's node environment unchanged.
 *
 * With a mutant active, each test also gets at most MUTANT_TEST_TIMEOUT_MS. Without one (the dry run), each
 * file's test names are recorded for the runner that leaves out the files a mutant's tests are not in
 * (tests/support/mutationTestIndex.ts).
 */
import type { EnvironmentContext, JestEnvironmentConfig } from "@jest/environment";
import type { Circus } from "@jest/types";
import { TestEnvironment } from "jest-environment-node";
import { fullTestNames, recordTestFile, TEST_INDEX_DIR_VARIABLE } from "./mutationTestIndex";

/** Stryker's environment variable naming the mutant switched on for the current run. */
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

/**
 * The longest a test may take with a mutant active. A mutant often makes a test wait for something that never
 * comes; under the suite's own 120 s test timeout it then ran until Stryker's limit for the mutant (5 s plus
 * 1.5 × the covering tests' time: a minute for a mutant every sweep reaches) and ended as a `Timeout`. Cut
 * here, the test fails and the bail below ends the mutant's run. A test that needs longer with a mutant active
 * counts that mutant killed, so this stays far above the slowest test of those suites (a few seconds).
 */
export const MUTANT_TEST_TIMEOUT_MS = 20_000;

/** The mutant that a test has already killed in this process (test files of one run share the process). */
let killed: string | undefined;

export default class MutationBailEnvironment extends TestEnvironment {
    private readonly testFile: string;
    private readonly startedAt: number;

    constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
        super(config, context);
        this.testFile = context.testPath;
        this.startedAt = Date.now();
    }

    handleTestEvent(event: Circus.Event, state?: Circus.State): void {
        const active = process.env[ACTIVE_MUTANT];
        if (active === undefined) {
            const indexDir = process.env[TEST_INDEX_DIR_VARIABLE];
            if (event.name === "run_finish" && indexDir && state) {
                recordTestFile(indexDir, { file: this.testFile, names: fullTestNames(state.rootDescribeBlock), durationMs: Date.now() - this.startedAt });
            }
            return;
        }
        if (event.name === "test_done" && event.test.errors.length > 0) killed = active;
        // Set-up hooks are skipped too (an emulator or a host started for tests that will not run); clean-up
        // hooks still run for what was set up before, and one whose set-up was skipped only adds a failure.
        if (event.name === "hook_start" && killed === active && (event.hook.type === "beforeAll" || event.hook.type === "beforeEach")) {
            event.hook.fn = () => undefined;
        }
        if (event.name === "test_start") {
            if (event.test.timeout === undefined || event.test.timeout > MUTANT_TEST_TIMEOUT_MS) event.test.timeout = MUTANT_TEST_TIMEOUT_MS;
            if (killed === active) {
                event.test.fn = () => {
                    throw new Error(`mutant ${active} was already killed by an earlier test of this run; this test was not run`);
                };
            }
        }
    }
}
