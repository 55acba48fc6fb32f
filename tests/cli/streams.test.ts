/**
 * One rule for every command's output (README, "The command line"): stdout carries the result only (with
 * --json exactly one JSON document, an `error` document when there is no result); stderr carries progress
 * and, whenever the exit code is not 0, exactly one `error: ...` line, with --json too; advice is said once.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EXIT, jsonOf, opName, PARENT, runCli, useEmulator, type CliRun } from "./helpers";

const TARGET = "projects/123/locations/us-central1/deliveryPipelines/web";

/** The `error:` lines on stderr. */
const errorLines = (run: CliRun) => run.stderr.split("\n").filter((l) => l.startsWith("error:"));

/** Checks the rule for a run that failed: one error line, and with --json one document on stdout. */
function expectFailure(run: CliRun, code: number, json: boolean): void {
    expect(run.code).toBe(code);
    expect(errorLines(run)).toHaveLength(1);
    if (json) {
        const doc = jsonOf(run);
        expect(doc.exitCode ?? doc.error?.exitCode).toBe(code);
    } else {
        expect(run.stdout).not.toMatch(/^error:/m);
    }
}

describe("stdout for the result, one error line on stderr for every non-zero exit", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("op-run"), target: TARGET, verb: "update" },
        { name: opName("op-unimpl"), target: TARGET, verb: "update", unimplemented: true },
        { name: opName("op-ignore"), target: TARGET, verb: "update", cancel: "ignore" },
        { name: opName("op-denied"), target: TARGET, verb: "update", denied: ["cancel"] },
    ]);

    // [command, arguments (the endpoint is added), the exit code]: one failing run of each kind per command.
    const failures: Array<[string, string[], number]> = [
        ["get", ["get", opName("op-missing")], EXIT.NOT_FOUND],
        ["cancel", ["cancel", opName("op-missing")], EXIT.NOT_FOUND],
        ["cancel", ["cancel", opName("op-unimpl")], EXIT.UNSUPPORTED],
        ["cancel", ["cancel", opName("op-ignore"), "--timeout", "1s"], EXIT.STILL_RUNNING],
        ["list", ["list", PARENT, "--filter", "bogus((("], EXIT.API_ERROR],
        ["sweep", ["sweep", PARENT, "--target", TARGET, "--timeout", "3s"], EXIT.PARTIAL_FAILURE],
        ["sweep", ["sweep", PARENT, "--target", "projects/123/locations/us-central1/deliveryPipelines/none", "--all", "--access-token", "wrong-token"], EXIT.AUTH],
        ["get", ["get", "op-1"], EXIT.USAGE],
        ["list", ["list", PARENT, "--limit", "-1"], EXIT.USAGE],
        ["sweep", ["sweep", PARENT, "--max-concurrency", "65", "--all"], EXIT.USAGE],
        ["cancel", ["cancel"], EXIT.USAGE],
    ];

    describe.each([false, true])("--json %s", (json) => {
        it.each(failures)("%s: %j", async (_command, args, code) => {
            const run = await runCli([...args, "--endpoint", url(), ...(json ? ["--json"] : [])]);
            expectFailure(run, code, json);
        });
    });

    it("sweep: exit 5 (still running at --timeout) says so in its one error line", async () => {
        const other = "projects/123/locations/us-central1/deliveryPipelines/other";
        emu().add({ name: opName("stubborn"), target: other, cancel: "ignore" });
        for (const json of [false, true]) {
            const run = await runCli(["sweep", PARENT, "--target", other, "--timeout", "2s", "--endpoint", url(), ...(json ? ["--json"] : [])]);
            expectFailure(run, EXIT.STILL_RUNNING, json);
            expect(errorLines(run)[0]).toMatch(/^error: 1 selected operation still running when the sweep ended after .* \(--timeout 2\.0s\)$/);
        }
    });

    it("sweep: exit 9 names how many could not be cancelled and where to read why", async () => {
        const human = await runCli(["sweep", PARENT, "--target", TARGET, "--timeout", "3s", "--endpoint", url()]);
        expect(errorLines(human)).toEqual(["error: 2 of 4 selected operations could not be cancelled; why is in the ERROR column"]);
        // op-run was cancelled by the first sweep: three still run.
        const json = await runCli(["sweep", PARENT, "--target", TARGET, "--timeout", "3s", "--endpoint", url(), "--json"]);
        expect(errorLines(json)).toEqual(["error: 2 of 3 selected operations could not be cancelled; why is in items[].error"]);
    });

    it("emulator: a bad --seed exits 2 with one error line and nothing on stdout", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-seed-"));
        const seed = path.join(dir, "seed.json");
        fs.writeFileSync(seed, "{ not json");
        const run = await runCli(["emulator", "--seed", seed]);
        expectFailure(run, EXIT.USAGE, false);
        expect(run.stdout).toBe("");
        expect(errorLines(run)[0]).toContain("--seed");
    });

    it("a usage error found by the flag parser still gives the one JSON document with --json", async () => {
        const run = await runCli(["list", PARENT, "--limit", "-1", "--endpoint", url(), "--json"]);
        expect(jsonOf(run).error).toMatchObject({ exitCode: EXIT.USAGE, code: "commander.invalidArgument" });
        expect(jsonOf(run).error.message).toContain("--limit must be a positive whole number");
    });

    it("success writes no error line, with or without --json", async () => {
        for (const args of [["get", opName("op-run")], ["list", PARENT], ["sweep", PARENT, "--all", "--dry-run"], ["cancel", opName("op-run")]]) {
            for (const json of [false, true]) {
                const run = await runCli([...args, "--endpoint", url(), ...(json ? ["--json"] : [])]);
                expect(run.code).toBe(EXIT.OK);
                expect(errorLines(run)).toEqual([]);
                if (json) jsonOf(run);
            }
        }
    });
});

describe("advice is printed once", () => {
    const { url } = useEmulator(() => [{ name: opName("op-unimpl"), unimplemented: true }]);
    const count = (text: string, part: string) => text.split(part).length - 1;

    it.each([
        ["cancel of an operation that does not exist", ["cancel", opName("op-missing")], "does not exist or has expired", EXIT.NOT_FOUND],
        ["get of an operation that does not exist", ["get", opName("op-missing")], "does not exist or has expired", EXIT.NOT_FOUND],
        ["cancel that the service does not support", ["cancel", opName("op-unimpl")], "not support cancelling", EXIT.UNSUPPORTED],
    ])("%s", async (_what, args, advice, code) => {
        for (const json of [false, true]) {
            const run = await runCli([...args, "--endpoint", url(), ...(json ? ["--json"] : [])]);
            expect(run.code).toBe(code);
            expect(count(run.stderr, advice)).toBe(1);
            // People's stdout holds the facts (the ERROR field: Google's answer), not the advice again.
            if (!json) expect(count(run.stdout, advice)).toBe(0);
        }
    });

    it("cancel shows Google's answer in the ERROR field and the advice in the error line", async () => {
        const run = await runCli(["cancel", opName("op-missing"), "--endpoint", url()]);
        expect(run.stdout).toMatch(/^OUTCOME\s+NOT_FOUND$/m);
        expect(run.stdout).toMatch(/^ERROR\s+HTTP 404 NOT_FOUND: /m);
        expect(errorLines(run)).toEqual([`error: ${opName("op-missing")} was not found: it does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong`]);
    });
});
