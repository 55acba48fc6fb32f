/**
 * undici is loaded at the first request, not at import (issue 10, cold start): `--help` and a client that
 * sends nothing never pay for it; a request loads only its dispatcher parts, never its index (which loads
 * fetch, WebSocket, mocks and caches too: about 120 ms against 45 ms).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UNDICI_AGENT_MODULE, undiciAgent, undiciProxyAgent } from "../../provider/google/undici";
import { repoRoot } from "../support/programDir";

const dist = path.join(repoRoot(), "dist", "provider");
const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-undici-")), "probe.js");
fs.writeFileSync(
    probe,
    `process.on("exit", () => {
        const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]undici[\\\\/]/.test(k));
        require("fs").writeSync(2, "\\nUNDICI " + JSON.stringify(loaded.map((k) => k.replace(/\\\\/g, "/").replace(/^.*\\/node_modules\\/undici\\//, ""))) + "\\n");
    });`,
);

/** undici's files a process loaded, relative to the package (e.g. `lib/dispatcher/agent.js`). */
function undiciModules(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
    const r = spawnSync(process.execPath, ["-r", probe, ...args], { encoding: "utf8", env: { ...process.env, GOOGLE_OAUTH_ACCESS_TOKEN: "t", ...env } });
    const line = /\nUNDICI (.*)\n/.exec(r.stderr);
    if (!line) throw new Error(`the probe did not report (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(line[1]!) as string[];
}

const client = `const g = require(${JSON.stringify(path.join(dist, "google", "index.js"))}); const c = new g.OperationsClient({ service: "clouddeploy", endpoint: "http://127.0.0.1:9", credentials: { accessToken: "t" }, retry: { maxAttempts: 1 } }); c.resolveOperation("projects/my-project/locations/us-central1/operations/op-1");`;

const request = `${client} c.getOperation("projects/my-project/locations/us-central1/operations/op-1").catch(() => undefined);`;

test("a request loads undici's agent (so the checks below can fail), not its index, fetch or WebSocket", () => {
    const loaded = undiciModules(["-e", request]);
    expect(loaded).toContain("lib/dispatcher/agent.js");
    expect(loaded).not.toContain("index.js");
    expect(loaded).not.toContain("lib/dispatcher/env-http-proxy-agent.js");
    expect(loaded).not.toContain("lib/api/index.js");
    expect(loaded.filter((file) => file.startsWith("lib/web/") || file.startsWith("lib/mock/"))).toEqual([]);
});

test("a request through a proxy environment loads undici's index: its proxy agent tunnels with the connect() only the index adds", () => {
    const loaded = undiciModules(["-e", request], { HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "" });
    expect(loaded).toContain("index.js");
    expect(loaded).toContain("lib/dispatcher/env-http-proxy-agent.js");
});

test("the agent loaded on its own is the very class undici's index exports (an undici that moves it fails here)", () => {
    const index = require("undici") as typeof import("undici");
    expect(require(UNDICI_AGENT_MODULE)).toBe(index.Agent);
    expect(undiciAgent()).toBe(index.Agent);
    expect(undiciProxyAgent()).toBe(index.EnvHttpProxyAgent);
});

test.each([
    ["the command line's --help", [path.join(dist, "cli", "main.js"), "--help"]],
    ["the command line's cancel --help", [path.join(dist, "cli", "main.js"), "cancel", "--help"]],
    ["a client that resolves a name and sends nothing", ["-e", client]],
])("%s loads no undici module", (_what, args) => {
    expect(undiciModules(args)).toEqual([]);
});
