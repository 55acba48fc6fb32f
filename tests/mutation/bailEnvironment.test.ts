/**
 * The mutation run's jest environment (tests/support/mutationBailEnvironment.ts): after a failure with a
 * mutant active, that mutant's later tests fail at once and their set-up hooks are skipped; nothing changes
 * without an active mutant or for the next mutant.
 */
import type { Circus } from "@jest/types";
import MutationBailEnvironment, { MUTANT_TEST_TIMEOUT_MS } from "../support/mutationBailEnvironment";

const handle = (event: unknown) => MutationBailEnvironment.prototype.handleTestEvent.call({} as MutationBailEnvironment, event as Circus.Event);
const original = () => "ran";
const testStart = (timeout?: number) => ({ name: "test_start", test: { fn: original, timeout } }) as { name: string; test: { fn: () => unknown; timeout?: number } };
const hookStart = (type: string) => ({ name: "hook_start", hook: { type, fn: original } }) as { name: string; hook: { type: string; fn: () => unknown } };
const failed = { name: "test_done", test: { errors: [new Error("expected 1, got 2")] } };
const passed = { name: "test_done", test: { errors: [] } };

describe("the mutation run's bail", () => {
    const saved = process.env.__STRYKER_ACTIVE_MUTANT__;
    afterEach(() => {
        if (saved === undefined) delete process.env.__STRYKER_ACTIVE_MUTANT__;
        else process.env.__STRYKER_ACTIVE_MUTANT__ = saved;
    });

    test("without an active mutant (the dry run, npm test) every test and hook runs as written, failures or not", () => {
        delete process.env.__STRYKER_ACTIVE_MUTANT__;
        handle(failed);
        const start = testStart();
        handle(start);
        expect(start.test.fn).toBe(original);
        expect(start.test.timeout).toBeUndefined();
    });

    test("with a mutant active, no test waits longer than MUTANT_TEST_TIMEOUT_MS; a shorter timeout of its own is kept", () => {
        process.env.__STRYKER_ACTIVE_MUTANT__ = "2";
        const [unset, longer, shorter] = [undefined, 120_000, 1_000].map(testStart);
        for (const start of [unset!, longer!, shorter!]) handle(start);
        expect(MUTANT_TEST_TIMEOUT_MS).toBe(20_000);
        expect([unset!.test.timeout, longer!.test.timeout, shorter!.test.timeout]).toEqual([MUTANT_TEST_TIMEOUT_MS, MUTANT_TEST_TIMEOUT_MS, 1_000]);
    });

    test("with mutant 3 active: tests run until one fails; then the rest fail at once, their set-up skipped, their clean-up kept", () => {
        process.env.__STRYKER_ACTIVE_MUTANT__ = "3";
        const first = testStart();
        handle(first);
        handle(passed);
        expect(first.test.fn).toBe(original);
        handle(failed);
        const later = testStart();
        handle(later);
        expect(later.test.fn).not.toBe(original);
        expect(() => later.test.fn()).toThrow("mutant 3 was already killed by an earlier test of this run; this test was not run");
        const [beforeAll, beforeEach, afterEach, afterAll] = ["beforeAll", "beforeEach", "afterEach", "afterAll"].map(hookStart);
        for (const hook of [beforeAll!, beforeEach!, afterEach!, afterAll!]) handle(hook);
        expect(beforeAll!.hook.fn()).toBeUndefined();
        expect(beforeEach!.hook.fn()).toBeUndefined();
        expect(afterEach!.hook.fn).toBe(original);
        expect(afterAll!.hook.fn).toBe(original);
    });

    test("the next mutant starts clean: its tests run until one of its own fails", () => {
        process.env.__STRYKER_ACTIVE_MUTANT__ = "5";
        handle(failed);
        process.env.__STRYKER_ACTIVE_MUTANT__ = "6";
        const start = testStart();
        handle(start);
        expect(start.test.fn).toBe(original);
        const hook = hookStart("beforeEach");
        handle(hook);
        expect(hook.hook.fn).toBe(original);
    });
});
