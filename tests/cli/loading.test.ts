/**
 * The command line, the REST client and the runtime entry never load `@pulumi/pulumi` (hundreds of
 * milliseconds and tens of MB per start): only the resource classes need it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";

const dist = path.join(repoRoot(), "dist", "provider");
const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-probe-")), "probe.js");
fs.writeFileSync(
    probe,
    `process.on("exit", () => {
        const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]@pulumi[\\\\/]pulumi[\\\\/]/.test(k));
        require("fs").writeSync(2, "\\nLOADED " + JSON.stringify(loaded) + "\\n");
    });`,
);

/** Runs node with `probeFile` preloaded and returns the JSON the probe wrote on stderr after `tag` at exit. */
function probeReport<T>(probeFile: string, tag: string, args: string[], env: NodeJS.ProcessEnv): T {
    const r = spawnSync(process.execPath, ["-r", probeFile, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    const line = new RegExp(`\n${tag} (.*)\n`).exec(r.stderr);
    if (!line) throw new Error(`the probe did not report (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(line[1]!) as T;
}

function loadedBy(args: string[]): string[] {
    return probeReport<string[]>(probe, "LOADED", args, { GOOGLE_OAUTH_ACCESS_TOKEN: "t" });
}

test("the probe sees @pulumi/pulumi when it is loaded (so the checks below can fail)", () => {
    expect(loadedBy(["-e", `require(${JSON.stringify(path.join(dist, "index.js"))})`]).length).toBeGreaterThan(0);
});

test.each([
    ["the command line's --help", [path.join(dist, "cli", "main.js"), "--help"]],
    ["the command line's sweep --help", [path.join(dist, "cli", "main.js"), "sweep", "--help"]],
    ["the REST client and the sweep engine", ["-e", `const g = require(${JSON.stringify(path.join(dist, "google", "index.js"))}); require(${JSON.stringify(path.join(dist, "sweep", "index.js"))}); new g.OperationsClient({ service: "clouddeploy", credentials: { accessToken: "t" } });`]],
    [
        "the runtime entry with both providers built and checked",
        ["-e", `const r = require(${JSON.stringify(path.join(dist, "dynamic", "runtime.js"))}); Promise.all([r.check("cancellation", {}, { operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy" }), r.check("sweep", {}, { parent: "projects/my-proj/locations/us-central1", service: "clouddeploy" })]).then((c) => { if (c.some((x) => x.failures)) throw new Error(JSON.stringify(c)); });`],
    ],
])("%s loads no @pulumi/pulumi module", (_what, args) => {
    expect(loadedBy(args)).toEqual([]);
});

describe("what the command line's start-up loads and caches (issue 10, cold start)", () => {
    const startupProbe = path.join(path.dirname(probe), "startup.js");
    fs.writeFileSync(
        startupProbe,
        `process.on("exit", () => {
            const emulator = Object.keys(require.cache).filter((k) => /[\\\\/]provider[\\\\/]testing[\\\\/]emulator\\.js$/.test(k));
            const cacheDir = require("node:module").getCompileCacheDir?.() ?? null;
            require("fs").writeSync(2, "\\nSTARTUP " + JSON.stringify({ emulator, cacheDir }) + "\\n");
        });`,
    );
    const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-compile-cache-"));

    function startup(args: string[], env: NodeJS.ProcessEnv): { emulator: string[]; cacheDir: string | null } {
        return probeReport(startupProbe, "STARTUP", args, { NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...env });
    }

    test("the probe sees the emulator when it is loaded (so the check below can fail)", () => {
        expect(startup(["-e", `require(${JSON.stringify(path.join(dist, "testing", "index.js"))})`], {}).emulator).toHaveLength(1);
    });

    test("--help does not load the emulator: the emulator command loads it when it runs", () => {
        expect(startup([path.join(dist, "cli", "main.js"), "--help"], {}).emulator).toEqual([]);
        expect(startup([path.join(dist, "cli", "main.js"), "emulator", "--help"], {}).emulator).toEqual([]);
    });

    test("the command line turns Node's compile cache on, in the temp directory, and not when NODE_DISABLE_COMPILE_CACHE=1", () => {
        // Without NODE_COMPILE_CACHE (which would make Node turn it on by itself): only the command line's own call can.
        const tmp = fs.mkdtempSync(path.join(cacheRoot, "tmp-"));
        const on = startup([path.join(dist, "cli", "main.js"), "--help"], { TMPDIR: tmp });
        expect(on.cacheDir?.startsWith(path.join(tmp, "node-compile-cache") + path.sep)).toBe(true);
        expect(fs.readdirSync(path.join(tmp, "node-compile-cache")).length).toBeGreaterThan(0);
        const offTmp = fs.mkdtempSync(path.join(cacheRoot, "tmp-"));
        expect(startup([path.join(dist, "cli", "main.js"), "--help"], { TMPDIR: offTmp, NODE_DISABLE_COMPILE_CACHE: "1" }).cacheDir).toBeNull();
        expect(fs.readdirSync(offTmp)).toEqual([]);
    });

    test("the library does not turn the compile cache on in the programs that load it", () => {
        expect(startup(["-e", `require(${JSON.stringify(path.join(dist, "dynamic", "runtime.js"))})`], { TMPDIR: fs.mkdtempSync(path.join(cacheRoot, "tmp-")) }).cacheDir).toBeNull();
    });
});
