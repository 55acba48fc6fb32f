/**
 * The command line speaks its own language: its messages name its flags and environment variables,
 * never the resources' inputs or stack config keys, and google-auth-library's noise stays off stderr.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { EXIT, jsonOf, libraryWordsIn, opName, PARENT, runCli, useEmulator, type CliRun } from "./helpers";

const TARGET = "projects/123/locations/us-central1/deliveryPipelines/web";

/** Everything the run printed, checked for the library's words. */
function expectCliWords(run: CliRun): void {
    expect(libraryWordsIn(run.stdout + run.stderr)).toEqual([]);
}

/** A stand-in GCE metadata server that answers 403 to everything, as some proxies do off Google Cloud. */
async function forbiddingMetadataServer(): Promise<{ host: string; hits: () => number; close: () => Promise<void> }> {
    let hits = 0;
    const server = http.createServer((_req, res) => {
        hits++;
        res.writeHead(403, { "content-type": "text/plain" }).end("forbidden");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { host: `127.0.0.1:${port}`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("messages name the command line's flags and environment variables", () => {
    const { url } = useEmulator(() => [
        { name: opName("op-run"), target: TARGET, verb: "update" },
        { name: opName("op-denied"), target: TARGET, verb: "update", denied: ["get", "cancel"] },
    ]);

    it("no credentials: one error line naming GOOGLE_OAUTH_ACCESS_TOKEN, and no MetadataLookupWarning", async () => {
        const metadata = await forbiddingMetadataServer();
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-home-"));
        try {
            const run = await runCli(["get", opName("op-run"), "--endpoint", url()], {
                env: { GOOGLE_OAUTH_ACCESS_TOKEN: null, GCE_METADATA_HOST: metadata.host, HOME: home, APPDATA: home },
            });
            expect(run.code).toBe(EXIT.AUTH);
            // The probe that makes google-auth-library warn did happen (so this test can fail) ...
            expect(metadata.hits()).toBeGreaterThan(0);
            // ... and its warning is not shown; the error says what to set, in the command line's words.
            expect(run.stderr).not.toContain("MetadataLookupWarning");
            expect(run.stderr).not.toContain("--trace-warnings");
            expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
            expect(run.stderr).toMatch(/^error: Could not load Application Default Credentials .*set GOOGLE_APPLICATION_CREDENTIALS, or set GOOGLE_OAUTH_ACCESS_TOKEN$/m);
            expectCliWords(run);
        } finally {
            await metadata.close();
        }
    });

    it("DEBUG_AUTH still shows google-auth-library's warning (it is hidden, not lost)", async () => {
        const metadata = await forbiddingMetadataServer();
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-home-"));
        try {
            const run = await runCli(["get", opName("op-run"), "--endpoint", url()], {
                env: { GOOGLE_OAUTH_ACCESS_TOKEN: null, GCE_METADATA_HOST: metadata.host, HOME: home, APPDATA: home, DEBUG_AUTH: "1" },
            });
            expect(run.code).toBe(EXIT.AUTH);
            expect(run.stderr).toContain("MetadataLookupWarning");
        } finally {
            await metadata.close();
        }
    });

    it("a rejected token (401): the advice names GOOGLE_OAUTH_ACCESS_TOKEN and GOOGLE_CREDENTIALS", async () => {
        for (const json of [false, true]) {
            const run = await runCli(["get", opName("op-run"), "--endpoint", url(), ...(json ? ["--json"] : [])], { env: { GOOGLE_OAUTH_ACCESS_TOKEN: "not-the-token" } });
            expect(run.code).toBe(EXIT.AUTH);
            expect(run.stderr).toContain("or set GOOGLE_OAUTH_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS / GOOGLE_CREDENTIALS");
            if (json) expect(jsonOf(run).error.message).toContain("set GOOGLE_OAUTH_ACCESS_TOKEN");
            expectCliWords(run);
        }
    });

    it("permission denied (403): the advice names --impersonate-service-account, in get, cancel and sweep", async () => {
        const get = await runCli(["get", opName("op-denied"), "--endpoint", url()]);
        expect(get.code).toBe(EXIT.AUTH);
        expect(get.stderr).toContain("use a principal that has it (--impersonate-service-account)");
        expectCliWords(get);
        const cancel = await runCli(["cancel", opName("op-denied"), "--endpoint", url(), "--json"]);
        expect(jsonOf(cancel).error.message).toContain("(--impersonate-service-account)");
        expectCliWords(cancel);
        const sweepRun = await runCli(["sweep", PARENT, "--target", TARGET, "--endpoint", url(), "--json"]);
        expect(sweepRun.code).toBe(EXIT.PARTIAL_FAILURE);
        const denied = jsonOf(sweepRun).items.find((i: { name: string }) => i.name === opName("op-denied"));
        expect(denied.error.message).toContain("(--impersonate-service-account)");
        expectCliWords(sweepRun);
        const table = await runCli(["sweep", PARENT, "--target", TARGET, "--endpoint", url()]);
        expect(table.stdout).toMatch(/^op-denied .*\(--impersonate-service-account\)$/m);
        expectCliWords(table);
    });

    it("--max-concurrency: the flag's range is the sweep's (1 to 64), and the message names the flag", async () => {
        const refused = await runCli(["sweep", PARENT, "--all", "--dry-run", "--max-concurrency", "100", "--endpoint", url()]);
        expect(refused.code).toBe(EXIT.USAGE);
        expect(refused.stderr).toContain("--max-concurrency must be a whole number from 1 to 64");
        expectCliWords(refused);
        const accepted = await runCli(["sweep", PARENT, "--all", "--max-concurrency", "64", "--endpoint", url(), "--json"]);
        expect(accepted.code).toBe(EXIT.PARTIAL_FAILURE);
        expect(jsonOf(accepted).counts.cancelled).toBe(1);
    });

    it.each([
        ["an impersonation target from the flag", ["--impersonate-service-account", "nobody"], {}, /^error: --impersonate-service-account "nobody" must be a service account email/m],
        ["an impersonation target from the environment", [], { GOOGLE_IMPERSONATE_SERVICE_ACCOUNT: "nobody" }, /^error: GOOGLE_IMPERSONATE_SERVICE_ACCOUNT "nobody" must be a service account email/m],
        ["a token with a space, from the environment", [], { GOOGLE_OAUTH_ACCESS_TOKEN: "two words" }, /^error: GOOGLE_OAUTH_ACCESS_TOKEN must be a non-empty OAuth 2 access token/m],
        ["a credentials path that does not exist", [], { GOOGLE_OAUTH_ACCESS_TOKEN: null, GOOGLE_CREDENTIALS: "/nonexistent/key.json" }, /^error: GOOGLE_CREDENTIALS is neither JSON nor the path of an existing file/m],
        ["an endpoint with credentials in it", ["--endpoint", "http://user:secret-pw@127.0.0.1:1"], {}, /^error: --endpoint must not contain credentials; pass them as GOOGLE_OAUTH_ACCESS_TOKEN /m],
    ] as Array<[string, string[], Record<string, string | null>, RegExp]>)("a bad value names where it came from: %s", async (_what, flags, env, expected) => {
        const args = flags.includes("--endpoint") ? ["get", opName("op-run"), ...flags] : ["get", opName("op-run"), "--endpoint", url(), ...flags];
        const run = await runCli(args, { env });
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toMatch(expected);
        expectCliWords(run);
    });

    it("advice to set a setting names the flag: a missing --service, a local URL as OPERATION", async () => {
        const noService = await runCli(["get", opName("op-run")]);
        expect(noService.code).toBe(EXIT.USAGE);
        expect(noService.stderr).toMatch(/^error: --service is required for .*: pass --service \(e\.g\. "clouddeploy" or "gkemulticloud"\), .*, or pass --endpoint$/m);
        expectCliWords(noService);
        const localUrl = await runCli(["get", `${url()}/v1/${opName("op-run")}`]);
        expect(localUrl.code).toBe(EXIT.USAGE);
        expect(localUrl.stderr).toContain("pass --endpoint");
        expectCliWords(localUrl);
    });
});
