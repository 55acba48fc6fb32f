/**
 * `npm run demo` as a person runs it: `node dist/scripts/demo.js` from the built tree, as a child process
 * against the emulator. Asserts the exit code and the final states it prints.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";
import { findPulumiCli } from "../support/pulumiCli";

const DEMO = path.join(repoRoot(), "dist", "scripts", "demo.js");

function runDemo(env: Record<string, string> = {}): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [DEMO], {
        cwd: repoRoot(),
        env: { ...process.env, GCPOPS_DEMO_ENGINE: "", DEMO_DEBUG: "", ...env },
        encoding: "utf8",
        timeout: 60_000,
    });
}

describe("npm run demo", () => {
    let result: SpawnSyncReturns<string>;
    let lines: string[];

    beforeAll(() => {
        result = runDemo();
        lines = result.stdout.split("\n");
    });

    test("exits 0 in well under 30 s with nothing on stderr", () => {
        expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({ status: 0, signal: null, stderr: "" });
        expect(result.stdout).toMatch(/Done in (\d+\.\d) s/);
        expect(Number(/Done in (\d+\.\d) s/.exec(result.stdout)![1])).toBeLessThan(30);
    });

    test("says which path runs the program", () => {
        const engine = lines.find((l) => l.startsWith("Engine"));
        const cli = findPulumiCli();
        if (cli.available) expect(engine).toBe(`Engine     the pulumi CLI at ${cli.path} (the real engine, local file backend in a temporary directory)`);
        else expect(engine).toMatch(/dynamic-provider host .*: no pulumi CLI \(no \.tools\/pulumi\/bin\/pulumi/);
    });

    test("shows every seeded operation before and after: RUNNING → CANCELLED, global and regional endpoints", () => {
        const rows = lines.filter((l) => /^\s+operation-\d+-/.test(l));
        expect(rows).toHaveLength(4);
        for (const row of rows) expect(row).toMatch(/RUNNING → CANCELLED$/);
        expect(rows.filter((r) => /\bclouddeploy\s+clouddeploy\.googleapis\.com\b/.test(r))).toHaveLength(2);
        expect(rows.filter((r) => /\bgkemulticloud\s+[a-z0-9-]+-gkemulticloud\.googleapis\.com\b/.test(r))).toHaveLength(2);
        const header = lines.find((l) => l.includes("BEFORE → AFTER"))!;
        // aligned: every row's outcome column starts where the header's does
        for (const row of rows) expect(row.indexOf("RUNNING")).toBe(header.indexOf("BEFORE"));
    });

    test("the first up cancels each operation once; the second up sends 0 requests; destroy deletes all four", () => {
        const upLines = lines.filter((l) => /^\s+\d+ (created|unchanged)/.test(l));
        expect(upLines[0]).toMatch(/^\s+4 created; emulator received \d+ requests \(4 cancel, \d+ get, 0 list\)$/);
        expect(upLines[1]).toBe("  4 unchanged; emulator received 0 requests (0 cancel, 0 get, 0 list)");
        expect(lines).toContain("  4 resources deleted; emulator received 0 requests (0 cancel, 0 get, 0 list)");
        expect(result.stdout).toMatch(/4\/4 operations CANCELLED, second up sent 0 requests, destroy done\./);
    });

    test("GCPOPS_DEMO_ENGINE=host runs the same demo through the dynamic-provider host and says so", () => {
        const host = runDemo({ GCPOPS_DEMO_ENGINE: "host" });
        expect({ status: host.status, stderr: host.stderr }).toEqual({ status: 0, stderr: "" });
        expect(host.stdout).toMatch(/^Engine {5}Pulumi's dynamic-provider host .*GCPOPS_DEMO_ENGINE=host$/m);
        expect(host.stdout).toMatch(/4\/4 operations CANCELLED, second up sent 0 requests, destroy done\./);
    });

    test("fails with a clear one-line message and a non-zero code when it cannot do what it says", () => {
        const failed = runDemo({ GCPOPS_DEMO_ENGINE: "carrier-pigeon" });
        expect(failed.status).toBe(1);
        expect(failed.stderr).toContain('demo failed: GCPOPS_DEMO_ENGINE must be "host" or "cli", not "carrier-pigeon"');
        expect(failed.stderr).not.toMatch(/^\s+at /m);
    });
});
