/**
 * Node below 22: one line saying so and naming the running Node, for the library, the runtime entry and
 * the command line (undici would otherwise crash on load with a stack trace). And a closed stdout pipe
 * (`--help | head -1`) ends the command line quietly.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { unsupportedNodeMessage } from "../../provider/util/nodeVersion";
import { repoRoot } from "../support/programDir";

const dist = path.join(repoRoot(), "dist", "provider");

test.each([
    ["20.20.2", "pulumi-gcp-operations needs Node.js 22 or newer; this is Node.js 20.20.2 (/opt/node)"],
    ["18.0.0", "pulumi-gcp-operations needs Node.js 22 or newer; this is Node.js 18.0.0 (/opt/node)"],
    ["22.0.0", undefined],
    ["24.21.0", undefined],
])("Node %s: %s", (version, expected) => {
    expect(unsupportedNodeMessage(version, "/opt/node")).toBe(expected);
});

/** A Node.js older than 22 on this machine (the system's), if there is one. */
function oldNode(): string | undefined {
    for (const candidate of ["/usr/bin/node", "/usr/local/bin/node"]) {
        if (!fs.existsSync(candidate)) continue;
        const version = execFileSync(candidate, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
        if (Number.parseInt(version, 10) < 22) return candidate;
    }
    return undefined;
}

const old = oldNode();
const onOldNode = old ? describe : describe.skip;
if (!old) process.stderr.write("nodeVersion: no Node.js older than 22 on this machine; the real old-Node checks are skipped\n");

onOldNode(`on a real old Node (${old ?? "none"})`, () => {
    const version = old ? execFileSync(old, ["-p", "process.versions.node"], { encoding: "utf8" }).trim() : "";
    const line = `pulumi-gcp-operations needs Node.js 22 or newer; this is Node.js ${version} (${old})`;

    test("the command line prints exactly one line and exits 1", () => {
        const r = spawnSync(old!, [path.join(dist, "cli", "main.js"), "--help"], { encoding: "utf8" });
        expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 1, stdout: "", stderr: `error: ${line}\n` });
    });

    test.each([
        ["the library", "index.js"],
        ["the runtime entry", path.join("dynamic", "runtime.js")],
        ["the testing kit", path.join("testing", "index.js")],
    ])("%s fails to load with that line, not a dependency's stack", (_what, entry) => {
        const r = spawnSync(old!, ["-e", `try { require(${JSON.stringify(path.join(dist, entry))}); } catch (e) { console.log(e.message); process.exit(3); }`], { encoding: "utf8" });
        expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 3, stdout: `${line}\n` });
    });
});

test("a reader that closes the pipe early ends the command line quietly", async () => {
    const child = spawn(process.execPath, [path.join(dist, "cli", "main.js"), "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    // Closed before the command writes anything: its first write fails with EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
});
