/**
 * Output people read: a dry run says "would cancel", counts agree in number, progress says only what
 * happened, ages read like kubectl's, ranges are sensible, and help speaks of the command's own argument.
 */
import { ageOf, plural } from "../../provider/cli/output";
import { EXIT, jsonOf, opName, PARENT, runCli, useEmulator } from "./helpers";

const CLUSTER = "projects/123/locations/us-central1/awsClusters/prod";
const DAY = 86_400_000;

describe("a dry run", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("a"), target: CLUSTER, verb: "update" },
        { name: opName("b"), target: CLUSTER, verb: "create" },
        { name: opName("c"), target: CLUSTER, verb: "delete", doneAfterMs: 0 },
        { name: opName("d"), target: "projects/123/locations/us-central1/awsClusters/dev", verb: "create" },
    ]);

    it("shows each operation it would cancel as 'would cancel', never SKIPPED, and no per-item progress", async () => {
        const run = await runCli(["sweep", PARENT, "--target", CLUSTER, "--dry-run", "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout + run.stderr).not.toContain("SKIPPED");
        expect(run.stdout).toMatch(/^ID\s+OUTCOME\s+VERB\s+TARGET\s+ERROR$/m);
        expect(run.stdout).toMatch(/^a\s+would cancel\s+update\s+/m);
        expect(run.stdout).toMatch(/^b\s+would cancel\s+create\s+/m);
        expect(run.stdout).toContain(`Dry run: ${PARENT}: listed 4, matched 2, would cancel 2 (1 request, `);
        // Progress: the listing only; nothing is "done" in a dry run.
        expect(run.stderr).toBe("sweep: listed 4, matched 2\n");
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    it("keeps the documented JSON outcome SKIPPED, counted in counts.skipped", async () => {
        const doc = jsonOf(await runCli(["sweep", PARENT, "--target", CLUSTER, "--dry-run", "--endpoint", url(), "--json"]));
        expect(doc.items.map((i: { outcome: string }) => i.outcome)).toEqual(["SKIPPED", "SKIPPED"]);
        expect(doc.counts).toMatchObject({ matched: 2, skipped: 2 });
    });

    it("a real sweep's summary counts its requests in the right number", async () => {
        const run = await runCli(["sweep", PARENT, "--target", CLUSTER, "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toMatch(/cancelled 2, already done 0, still running 0, failed 0 \(\d+ requests, /);
    });
});

describe("cancel's progress", () => {
    const { url } = useEmulator(() => [{ name: opName("slow"), cancelTakesMs: 1200 }]);

    it("says 'done after …' without a made-up status in parentheses", async () => {
        const run = await runCli(["cancel", opName("slow"), "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stderr).toMatch(new RegExp(`^cancel: ${opName("slow")}: done after [0-9.]+m?s$`, "m"));
        expect(run.stderr).not.toMatch(/\((done|running)\)/);
    });
});

describe("ages", () => {
    const NOW = Date.parse("2025-06-01T00:00:00Z");
    const ago = (ms: number) => new Date(NOW - ms).toISOString();

    it.each([
        [45_000, "45s"],
        [245_000, "4m05s"],
        [25 * 60_000, "25m"],
        [3 * 3_600_000 + 7 * 60_000, "3h07m"],
        [20 * 3_600_000, "20h"],
        [2 * DAY + 3 * 3_600_000, "2d03h"],
        [45 * DAY + 5 * 3_600_000, "45d"],
        [400 * DAY, "400d"],
        [1055 * DAY + 23 * 3_600_000, "2y325d"],
        [9 * 365 * DAY, "9y"],
    ])("%d ms ago reads %s", (ms, shown) => {
        expect(ageOf(ago(ms), NOW)).toBe(shown);
    });

    it("plural", () => {
        expect([plural(1, "request"), plural(0, "request"), plural(2, "request")]).toEqual(["1 request", "0 requests", "2 requests"]);
    });
});

describe("list's AGE column", () => {
    const { url } = useEmulator(() => [{ name: opName("old"), createTime: new Date(Date.now() - (1055 * DAY + 23 * 3_600_000)).toISOString() }]);

    it("shows an operation three years old in years and days", async () => {
        const run = await runCli(["list", PARENT, "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toMatch(/^old\s+us-central1\s+RUNNING\s+\S*\s*2y325d\s/m);
    });
});

describe("numbers out of range", () => {
    it.each([
        [["list", PARENT, "--limit", "-1"], "--limit must be a positive whole number, e.g. --limit 50"],
        [["list", PARENT, "--limit", "0"], "--limit must be a positive whole number"],
        [["list", PARENT, "--page-size", "5000"], "--page-size must be a whole number from 1 to 1000"],
        [["sweep", PARENT, "--all", "--max-concurrency", "65"], "--max-concurrency must be a whole number from 1 to 64"],
    ])("%j: %s", async (args, message) => {
        const run = await runCli([...args, "--endpoint", "http://127.0.0.1:9"]);
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toContain(message);
        expect(run.stderr).not.toContain(String(Number.MAX_SAFE_INTEGER));
    });
});

describe("--help speaks of the command's own argument", () => {
    it.each(["get", "cancel"])("%s --help never mentions a PARENT", async (command) => {
        const run = await runCli([command, "--help"]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).not.toContain("PARENT");
        expect(run.stdout).toMatch(/--project <id>\s+project of a bare operation id/);
        expect(run.stdout).toMatch(/--location <location>\s+location of a bare operation id/);
    });

    it.each(["list", "sweep"])("%s --help says --project and --location stand in for PARENT", async (command) => {
        const run = await runCli([command, "--help"]);
        expect(run.stdout).toMatch(/--project <id>\s+project when PARENT is not given/);
        expect(run.stdout).not.toContain("bare operation id");
    });

    it("sweep --help gives --max-concurrency's range", async () => {
        const run = await runCli(["sweep", "--help"]);
        expect(run.stdout).toMatch(/--max-concurrency <n>\s+cancels in flight at once, 1 to 64/);
    });
});
