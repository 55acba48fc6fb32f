import * as net from "node:net";
import { EXIT, jsonOf, opName, runCli, spawnCli, useEmulator } from "./helpers";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

describe("cancel", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("op-run") },
        { name: opName("op-slow"), cancelTakesMs: 1500, metadata: { statusMessage: "rendering" } },
        { name: opName("op-done"), doneAfterMs: 0 },
        { name: opName("op-ignore"), cancel: "ignore" },
        { name: opName("op-unimpl"), unimplemented: true },
        { name: opName("op-denied"), denied: ["cancel"] },
    ]);

    it("exits 0 once the operation is cancelled, and says so in JSON", async () => {
        const run = await runCli(["cancel", opName("op-run"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        const doc = jsonOf(run);
        expect(doc).toMatchObject({ name: opName("op-run"), outcome: "CANCELLED", cancelSent: true, exitCode: 0 });
        expect(typeof doc.cancelRequestedAt).toBe("string");
        expect(emu().get(opName("op-run"))).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    it("waits for a slow cancel, with plain progress lines on stderr when not a terminal", async () => {
        const run = await runCli(["cancel", opName("op-slow"), "--endpoint", url(), "--timeout", "30s"]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toMatch(/^OUTCOME\s+CANCELLED$/m);
        expect(run.stdout).toContain(`${opName("op-slow")} was cancelled`);
        expect(run.stderr).toContain(`cancel: ${opName("op-slow")}: still running after`);
        expect(run.stderr).toContain(`cancel: ${opName("op-slow")}: done after`);
        expect(run.stderr).not.toContain("\u001b["); // no terminal control sequences in logs
        expect(emu().count({ rpc: "get", operation: opName("op-slow") })).toBeGreaterThanOrEqual(3);
    });

    it("exits 0 without sending a cancel when the operation had already finished", async () => {
        const run = await runCli(["cancel", opName("op-done"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run)).toMatchObject({ outcome: "SUCCEEDED", cancelSent: false });
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    it("--no-wait exits 0 once the cancel is accepted, though the operation still winds down", async () => {
        const run = await runCli(["cancel", opName("op-slow"), "--no-wait", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run)).toMatchObject({ outcome: "RUNNING", cancelSent: true, exitCode: 0 });
        expect(emu().count({ rpc: "get", operation: opName("op-slow") })).toBe(2);
    });

    it("exits 3 when the operation does not exist", async () => {
        const run = await runCli(["cancel", opName("op-missing"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.NOT_FOUND);
        expect(jsonOf(run)).toMatchObject({ outcome: "NOT_FOUND", exitCode: 3, error: { httpStatus: 404, status: "NOT_FOUND" } });
    });

    it("exits 4 when the service does not support cancelling", async () => {
        const run = await runCli(["cancel", opName("op-unimpl"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.UNSUPPORTED);
        expect(jsonOf(run)).toMatchObject({ outcome: "UNSUPPORTED", exitCode: 4, error: { httpStatus: 501, status: "UNIMPLEMENTED" } });
    });

    it("exits 5 when the operation still runs at --timeout", async () => {
        const started = Date.now();
        const run = await runCli(["cancel", opName("op-ignore"), "--timeout", "2s", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.STILL_RUNNING);
        expect(jsonOf(run)).toMatchObject({ outcome: "RUNNING", cancelSent: true, exitCode: 5 });
        expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
        expect(Date.now() - started).toBeLessThan(20_000);
    });

    it("exits 6 when permission is denied, naming the missing permission", async () => {
        const run = await runCli(["cancel", opName("op-denied"), "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.AUTH);
        expect(jsonOf(run).error).toMatchObject({ exitCode: 6, httpStatus: 403, status: "PERMISSION_DENIED" });
        expect(run.stderr).toContain("clouddeploy.operations.cancel");
    });

    it("exits 6 for a rejected token and never prints it", async () => {
        const secret = "ya29.very-secret-token-value";
        for (const args of [["--access-token", secret], []]) {
            const run = await runCli(["cancel", opName("op-run"), "--endpoint", url(), ...args], { env: { GOOGLE_OAUTH_ACCESS_TOKEN: secret } });
            expect(run.code).toBe(EXIT.AUTH);
            expect(run.stderr).toContain("UNAUTHENTICATED");
            expect(run.stdout + run.stderr).not.toContain("very-secret-token-value");
        }
        expect(emu().get(opName("op-run"))?.done).toBeFalsy();
    });

    it("warns that --access-token is visible in the process list", async () => {
        const run = await runCli(["get", opName("op-run"), "--endpoint", url(), "--access-token", "emulator-token"], { env: { GOOGLE_OAUTH_ACCESS_TOKEN: null } });
        expect(run.code).toBe(EXIT.OK);
        expect(run.stderr).toMatch(/warning: --access-token .*GOOGLE_OAUTH_ACCESS_TOKEN/);
    });

    it("exits 130 when interrupted while waiting", async () => {
        const child = spawnCli(["cancel", opName("op-ignore"), "--endpoint", url(), "--timeout", "10m"]);
        child.stdin.end();
        let stderr = "";
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        await new Promise<void>((resolve) =>
            child.stderr.setEncoding("utf8").on("data", (d: string) => {
                stderr += d;
                if (stderr.includes("still running")) resolve();
            }),
        );
        child.kill("SIGINT");
        expect(await exited).toBe(EXIT.INTERRUPTED);
        expect(stderr).toContain("error: interrupted by SIGINT");
    });

    it("exits 7 when the endpoint cannot be reached", async () => {
        const port = await closedPort();
        const run = await runCli(["cancel", opName("op-run"), "--endpoint", `http://127.0.0.1:${port}`, "--timeout", "20s", "--json"]);
        expect(run.code).toBe(EXIT.UNAVAILABLE);
        expect(jsonOf(run).error).toMatchObject({ exitCode: 7, code: "ERR_NETWORK" });
    });
});
