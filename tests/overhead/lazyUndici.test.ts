/**
 * undici is loaded at the first request, not at import (issue 10, cold start): `--help` and a client that
 * sends nothing never pay for it (its index loads fetch, WebSocket and mocks too).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";

const dist = path.join(repoRoot(), "dist", "provider");
const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-undici-")), "probe.js");
fs.writeFileSync(
    probe,
    `process.on("exit", () => {
        const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]/.test(k));
        require("fs").writeSync(2, "\\nUNDICI " + loaded.length + "\\n");
    });`,
);

function undiciModules(args: string[]): number {
    const r = spawnSync(process.execPath, ["-r", probe, ...args], { encoding: "utf8", env: { ...process.env, GOOGLE_OAUTH_ACCESS_TOKEN: "t" } });
    const line = /\nUNDICI (\d+)\n/.exec(r.stderr);
    if (!line) throw new Error(`the probe did not report (exit ${r.status}): ${r.stderr}`);
    return Number(line[1]);
}

const client = `const g = require(${JSON.stringify(path.join(dist, "google", "index.js"))}); const c = new g.OperationsClient({ service: "clouddeploy", endpoint: "http://127.0.0.1:9", credentials: { accessToken: "t" }, retry: { maxAttempts: 1 } }); c.resolveOperation("projects/my-project/locations/us-central1/operations/op-1");`;

test("a request loads undici (so the checks below can fail)", () => {
    expect(undiciModules(["-e", `${client} c.getOperation("projects/my-project/locations/us-central1/operations/op-1").catch(() => undefined);`])).toBeGreaterThan(0);
});

test.each([
    ["the command line's --help", [path.join(dist, "cli", "main.js"), "--help"]],
    ["the command line's cancel --help", [path.join(dist, "cli", "main.js"), "cancel", "--help"]],
    ["a client that resolves a name and sends nothing", ["-e", client]],
])("%s loads no undici module", (_what, args) => {
    expect(undiciModules(args)).toBe(0);
});
