#!/usr/bin/env node
/**
 * Entry point of the `pulumi-gcp-operations` bin.
 */
import "./nodeGuard";
import "./compileCache";
import { CommanderError, type Command } from "commander";
import { ExitCode, exitCodeForError } from "./exitCodes";
import { processIo, writeJson, type Io } from "./output";
import { buildProgram } from "./program";
import { errorMessage } from "./run";
import { quietWarnings } from "./warnings";

/** Commander's codes for help and version output, which end with exit code 0 and print no error. */
const NOT_AN_ERROR = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

/**
 * A usage error found by commander before the command ran (a bad flag value, an unknown flag, a missing
 * argument) in a command given `--json`: the one JSON document on stdout says so too, as for every other
 * failure. (Commander has printed the `error:` line already; errors found by the action wrote their own.)
 */
function jsonUsageError(program: Command, args: readonly string[], err: CommanderError, io: Io): void {
    if (NOT_AN_ERROR.has(err.code) || err.code === "pulumi-gcp-operations.usage") return;
    const end = args.indexOf("--");
    const given = end === -1 ? args : args.slice(0, end);
    // The subcommand is the first argument that names one (only program options such as -V come before it).
    const name = given.find((arg) => program.commands.some((c) => c.name() === arg));
    const command = program.commands.find((c) => c.name() === name);
    if (!command?.options.some((o) => o.long === "--json") || !given.includes("--json")) return;
    writeJson(io, { error: { message: err.message.replace(/^error: /, ""), exitCode: ExitCode.USAGE, code: err.code } });
}

/** Runs the command line on `argv` (as `process.argv`) and resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
    const program = buildProgram(processIo);
    try {
        await program.parseAsync([...argv]);
        return typeof process.exitCode === "number" ? process.exitCode : ExitCode.OK;
    } catch (err) {
        // Commander has already printed its message (usage errors) or the help/version text.
        if (err instanceof CommanderError) {
            if (err.exitCode === 0) return ExitCode.OK;
            jsonUsageError(program, argv.slice(2), err, processIo);
            return ExitCode.USAGE;
        }
        processIo.stderr.write(`error: ${errorMessage(err)}\n`);
        return exitCodeForError(err);
    }
}

if (require.main === module) {
    quietWarnings();
    // A reader that stops early (`... --help | head -2`) closes the pipe: stop quietly, as other tools do.
    for (const stream of [process.stdout, process.stderr]) {
        stream.on("error", (err: NodeJS.ErrnoException) => {
            if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
            throw err;
        });
    }
    void main().then((code) => {
        process.exitCode = code;
        // Flush stdout, then leave even if an idle keep-alive socket would hold the event loop.
        process.stdout.write("", () => process.exit(code));
    });
}
