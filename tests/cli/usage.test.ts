import { EXIT, opName, PARENT, runCli, useEmulator } from "./helpers";

describe("bad arguments", () => {
    const { emu, url } = useEmulator(() => [{ name: opName("op-1") }]);

    // [what, arguments, text the message must contain (naming the flag or argument), "no endpoint" or ""]: `--endpoint
    // EMULATOR` is put right after the command unless the case says "no endpoint", so that nothing could reach Google.
    // Every row has four elements: jest takes a test function with more parameters than the row for a done-callback.
    const cases: Array<[string, string[], string, "no endpoint" | ""]> = [
        ["a bad --timeout", ["cancel", opName("op-1"), "--timeout", "20x"], "--timeout", ""],
        ["a zero --page-size", ["list", PARENT, "--page-size", "0"], "--page-size", ""],
        ["a non-numeric --limit", ["list", PARENT, "--limit", "many"], "--limit", ""],
        ["a zero --max-concurrency", ["sweep", PARENT, "--all", "--max-concurrency", "0"], "--max-concurrency", ""],
        ["a bad --older-than", ["sweep", PARENT, "--older-than", "yesterday"], "--older-than", ""],
        ["an empty --verb", ["sweep", PARENT, "--verb", ""], "--verb", ""],
        ["an unknown flag", ["get", opName("op-1"), "--frobnicate"], "--frobnicate", ""],
        ["a flag without its value", ["list", PARENT, "--target"], "--target", ""],
        ["a missing OPERATION", ["cancel"], "OPERATION", ""],
        ["an unknown command", ["frobnicate"], "frobnicate", ""],
        ["a malformed OPERATION", ["get", "projects/p/operations/x"], "OPERATION", ""],
        ["a bare id without --project", ["get", "op-1", "--location", "us-central1"], "--project", ""],
        ["a malformed PARENT", ["list", "projects/my-project/locations"], "PARENT", ""],
        ["no PARENT and no --location", ["list", "--project", "my-project"], "--location", ""],
        ["a plain-http --endpoint off loopback", ["get", opName("op-1"), "--endpoint", "http://example.com"], "--endpoint", ""],
        ["an unknown --service", ["get", opName("op-1"), "--service", "nosuchservice"], "--service", "no endpoint" as const],
        ["a flag given as another flag's value", ["list", PARENT, "--target", "--pending"], "--target", ""],
        ["a bad --api-version", ["get", opName("op-1"), "--api-version", "latest"], "--api-version", ""],
        ["a bad --universe-domain", ["get", opName("op-1"), "--universe-domain", "not a domain"], "--universe-domain", ""],
        ["a bad --quota-project", ["get", opName("op-1"), "--quota-project", "Not_A_Project"], "--quota-project", ""],
        ["a bad --impersonate-service-account", ["get", opName("op-1"), "--impersonate-service-account", "nobody"], "--impersonate-service-account", ""],
        ["a bad --port", ["emulator", "--port", "99999"], "--port", ""],
    ];

    it.each(cases)("rejects %s with the usage exit code and a message naming it", async (_what, args, names, noEndpoint) => {
        const withEndpoint = noEndpoint || args[0] === "emulator" || args.includes("--endpoint") ? args : [args[0], "--endpoint", url(), ...args.slice(1)];
        const run = await runCli(withEndpoint);
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toMatch(/^error: /m);
        expect(run.stderr).toContain(names);
        expect(run.stderr).toContain("(add --help for usage)");
        expect(run.stdout).toBe("");
        expect(emu().requests).toHaveLength(0);
    });

    it("with --json, a bad name also gives one JSON error document naming the argument", async () => {
        const run = await runCli(["get", "op-1", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.USAGE);
        expect(JSON.parse(run.stdout).error).toMatchObject({ exitCode: 2, code: "ERR_INVALID_NAME", flag: "OPERATION" });
    });

    it("runs no command without one: usage on stderr", async () => {
        const run = await runCli([]);
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toContain("Usage: pulumi-gcp-operations");
    });
});

describe("--help", () => {
    const commands: Array<[string, string[]]> = [
        ["get", ["--service", "--endpoint", "--json", "--project", "--impersonate-service-account", "--access-token"]],
        ["cancel", ["--wait", "--no-wait", "--timeout", "--json", "--quota-project"]],
        ["list", ["--pending", "--target", "--target-prefix", "--filter", "--page-size", "--limit"]],
        ["sweep", ["--target", "--target-prefix", "--verb", "--older-than", "--filter", "--max-concurrency", "--dry-run", "--no-wait", "--timeout", "--all"]],
        ["emulator", ["--port", "--host", "--seed", "--token", "--tls"]],
    ];

    it.each(commands)("%s --help shows its flags, examples and exit codes, and exits 0", async (command, flags) => {
        const run = await runCli([command, "--help"]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toContain(`Usage: pulumi-gcp-operations ${command}`);
        for (const flag of flags) expect(run.stdout).toContain(flag);
        expect(run.stdout).toContain("Examples:");
        expect(run.stdout).toContain(`$ pulumi-gcp-operations ${command} `);
        expect(run.stdout).toContain("Exit codes:");
    });

    it("the program's --help lists every command and the exit code table", async () => {
        const run = await runCli(["--help"]);
        expect(run.code).toBe(EXIT.OK);
        for (const command of ["get", "cancel", "list", "sweep", "emulator"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
        for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 130]) expect(run.stdout).toMatch(new RegExp(`^  ${code} +\\S`, "m"));
    });

    it("help COMMAND works too, and --version prints the package version", async () => {
        const help = await runCli(["help", "cancel"]);
        expect(help.code).toBe(EXIT.OK);
        expect(help.stdout).toContain("Usage: pulumi-gcp-operations cancel");
        const version = await runCli(["--version"]);
        expect(version.code).toBe(EXIT.OK);
        expect(version.stdout.trim()).toBe((require("../../../package.json") as { version: string }).version);
    });
});
