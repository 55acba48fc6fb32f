import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import type { EmulatorSeed } from "../../provider/testing";
import { EXIT, jsonOf, opName, runCli, spawnCli } from "./helpers";

const dir = mkdtempSync(path.join(tmpdir(), "cli-emulator-"));
function seedFile(name: string, seed: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof seed === "string" ? seed : JSON.stringify(seed));
    return file;
}

/** Starts `emulator` as a process; resolves with its first two stdout lines. */
async function startEmulator(args: string[]): Promise<{ child: ReturnType<typeof spawnCli>; lines: string[]; exited: Promise<{ code: number | null; signal: string | null; stderr: string }> }> {
    const child = spawnCli(["emulator", ...args]);
    let stdout = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })));
    const lines = await new Promise<string[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`emulator did not start: ${stderr}`)), 20_000);
        child.stdout.setEncoding("utf8").on("data", (d: string) => {
            stdout += d;
            const got = stdout.split("\n");
            if (got.length >= 3) {
                clearTimeout(timer);
                resolve(got.slice(0, 2));
            }
        });
        child.on("close", () => reject(new Error(`emulator exited early: ${stderr}`)));
    });
    return { child, lines, exited };
}

describe("emulator", () => {
    const seed: EmulatorSeed = {
        operations: [{ name: opName("seeded"), target: "projects/1/locations/us-central1/deliveryPipelines/web" }],
    };

    it("serves the seed at the URL on its first line, is usable by the other commands, and stops cleanly on SIGTERM", async () => {
        const emulator = await startEmulator(["--seed", seedFile("seed.json", seed), "--port", "0"]);
        try {
            const [url, tokenLine] = emulator.lines;
            expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
            expect(tokenLine).toContain("emulator-token");
            const got = await runCli(["get", opName("seeded"), "--endpoint", url, "--json"]);
            expect(got.code).toBe(EXIT.OK);
            expect(jsonOf(got)).toMatchObject({ outcome: "RUNNING" });
            const cancelled = await runCli(["cancel", opName("seeded"), "--endpoint", url, "--json"]);
            expect(cancelled.code).toBe(EXIT.OK);
            expect(jsonOf(cancelled).outcome).toBe("CANCELLED");
            const after = await runCli(["list", "--project", "my-project", "--location", "us-central1", "--endpoint", url, "--json"]);
            expect(jsonOf(after).operations[0]).toMatchObject({ name: opName("seeded"), done: true, error: { code: 1 } });
        } finally {
            emulator.child.kill("SIGTERM");
        }
        const exit = await emulator.exited;
        expect(exit).toMatchObject({ code: 0, signal: null });
    });

    it("--token replaces the accepted tokens; --tls serves https", async () => {
        const emulator = await startEmulator(["--token", "custom-token", "--tls"]);
        try {
            const [url, tokenLine] = emulator.lines;
            expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
            expect(tokenLine).toContain("custom-token");
        } finally {
            emulator.child.kill("SIGINT");
        }
        expect((await emulator.exited).code).toBe(0);
    });

    it("accepts only the --token given", async () => {
        const emulator = await startEmulator(["--token", "custom-token", "--seed", seedFile("seed2.json", seed)]);
        try {
            const url = emulator.lines[0];
            expect((await runCli(["get", opName("seeded"), "--endpoint", url])).code).toBe(EXIT.AUTH);
            expect((await runCli(["get", opName("seeded"), "--endpoint", url], { env: { GOOGLE_OAUTH_ACCESS_TOKEN: "custom-token" } })).code).toBe(EXIT.OK);
        } finally {
            emulator.child.kill("SIGTERM");
        }
        expect((await emulator.exited).code).toBe(0);
    });

    it.each([
        ["an invalid seed", () => seedFile("bad.json", { operations: [{ name: opName("x"), doneAfterMs: -1 }] }), "doneAfterMs"],
        ["a seed that is not JSON", () => seedFile("broken.json", "{nope"), "not valid JSON"],
        ["a missing seed file", () => path.join(dir, "missing.json"), "cannot be read"],
    ])("exits 2 for %s, naming --seed", async (_what, file, detail) => {
        const run = await runCli(["emulator", "--seed", file()]);
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toMatch(/^error: --seed/m);
        expect(run.stderr).toContain(detail);
        expect(run.stdout).toBe("");
    });

    it("exits 2 naming --port when the port is taken", async () => {
        const emulator = await startEmulator([]);
        try {
            const port = new URL(emulator.lines[0]).port;
            const run = await runCli(["emulator", "--port", port]);
            expect(run.code).toBe(EXIT.USAGE);
            expect(run.stderr).toContain(`--port ${port} cannot be used`);
        } finally {
            emulator.child.kill("SIGTERM");
        }
        await emulator.exited;
    });
});
