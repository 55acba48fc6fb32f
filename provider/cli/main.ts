#!/usr/bin/env node
/**
 * Entry point of the `pulumi-gcp-operations` bin.
 */
import "./nodeGuard";
import { CommanderError } from "commander";
import { ExitCode, exitCodeForError } from "./exitCodes";
import { processIo } from "./output";
import { buildProgram } from "./program";
import { errorMessage } from "./run";

/** Runs the command line on `argv` (as `process.argv`) and resolves with the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
    const program = buildProgram(processIo);
    try {
        await program.parseAsync([...argv]);
        return typeof process.exitCode === "number" ? process.exitCode : ExitCode.OK;
    } catch (err) {
        // Commander has already printed its message (usage errors) or the help/version text.
        if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
        processIo.stderr.write(`error: ${errorMessage(err)}\n`);
        return exitCodeForError(err);
    }
}

if (require.main === module) {
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
