/**
 * `emulator`: serve the Operations API emulator until SIGINT / SIGTERM.
 */
import { Command } from "commander";
import { InvalidOptionError } from "../../google/errors";
import { SeedError } from "../../testing/seedError";
import { EXIT_CODE_HELP, ExitCode } from "../exitCodes";
import type { Io } from "../output";
import { collect, nonEmptyArg, portArg } from "../parsers";
import { runAction } from "../run";

interface EmulatorFlags {
    port?: number;
    host?: string;
    seed?: string;
    token?: string[];
    tls?: boolean;
}

const EXAMPLES = `
Examples:
  $ pulumi-gcp-operations emulator --port 8085 --seed leftovers.json
  $ pulumi-gcp-operations emulator --token my-token --tls

The first line on stdout is the URL (use it as --endpoint), the second says which bearer token to
send (e.g. GOOGLE_OAUTH_ACCESS_TOKEN=emulator-token). Stops cleanly on SIGINT or SIGTERM (exit 0).
The seed file is an EmulatorSeed JSON document: {"tokens": [...], "operations": [...], "faults": [...]}.`;

const EMULATOR_EXIT_HELP = `${EXIT_CODE_HELP.split("\n")[0]}
  0    stopped cleanly by SIGINT or SIGTERM
  2    bad flags, an invalid or missing --seed file, or --port / --host unusable
  1    unexpected error`;

/** Turns seed and listen failures into errors that name the flag. */
function emulatorError(err: unknown, flags: EmulatorFlags): unknown {
    if (err instanceof SeedError) return new InvalidOptionError("--seed", `--seed: ${err.message}`);
    const code = (err as { code?: unknown } | undefined)?.code;
    if ((code === "ENOENT" || code === "EACCES" || code === "EISDIR") && (err as { syscall?: unknown }).syscall !== "listen") {
        return new InvalidOptionError("--seed", `--seed ${JSON.stringify(flags.seed)} cannot be read (${String(code)}); give the path of an EmulatorSeed JSON file`);
    }
    if (code === "EADDRINUSE" || code === "EACCES") {
        return new InvalidOptionError("--port", `--port ${flags.port ?? 0} cannot be used on ${flags.host ?? "127.0.0.1"} (${String(code)}); choose another port, or --port 0 for any free port`);
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
        return new InvalidOptionError("--host", `--host ${JSON.stringify(flags.host)} is not an address of this machine (${String(code)}); use 127.0.0.1, ::1 or 0.0.0.0`);
    }
    return err;
}

/** Builds the `emulator` command. */
export function emulatorCommand(io: Io): Command {
    const command = new Command("emulator")
        .description("Serve a local emulator of Google's long-running Operations REST API (for tests and demos)")
        .option("--port <n>", "port to listen on (0: any free port)", portArg, 0)
        .option("--host <address>", "address to listen on", nonEmptyArg("--host"), "127.0.0.1")
        .option("--seed <file.json>", "operations, faults and tokens to start with (EmulatorSeed JSON)", nonEmptyArg("--seed"))
        .option("--token <token>", "accept this bearer token (repeatable; default: the seed's tokens, else emulator-token)", collect("--token"))
        .option("--tls", "serve HTTPS with the built-in test certificate");
    command.addHelpText("after", `${EXAMPLES}\n\n${EMULATOR_EXIT_HELP}`);
    command.action(async (flags: EmulatorFlags) => {
        await runAction(command, {}, io, async () => {
            try {
                // Loaded here, not with the command's definition: the emulator is not part of any other command or of `--help`.
                const { runEmulatorCommand } = await import("../../testing/cli");
                await runEmulatorCommand({
                    ...(flags.port !== undefined ? { port: flags.port } : {}),
                    ...(flags.host !== undefined ? { host: flags.host } : {}),
                    ...(flags.seed !== undefined ? { seedFile: flags.seed } : {}),
                    ...(flags.token !== undefined ? { tokens: flags.token } : {}),
                    ...(flags.tls ? { tls: true } : {}),
                    output: io.stdout,
                });
            } catch (err) {
                throw emulatorError(err, flags);
            }
            return ExitCode.OK;
        });
    });
    return command;
}
