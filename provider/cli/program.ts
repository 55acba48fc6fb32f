/**
 * The `pulumi-gcp-operations` command line: commander program with one module per command.
 */
import { Command } from "commander";
import { cancelCommand } from "./commands/cancel";
import { emulatorCommand } from "./commands/emulator";
import { getCommand } from "./commands/get";
import { listCommand } from "./commands/list";
import { sweepCommand } from "./commands/sweep";
import { EXIT_CODE_HELP } from "./exitCodes";
import { processIo, type Io } from "./output";
import { packageVersion } from "./version";


const OVERVIEW = `
Examples:
  $ pulumi-gcp-operations get projects/my-proj/locations/us-central1/operations/operation-123 --service clouddeploy
  $ pulumi-gcp-operations cancel //clouddeploy.googleapis.com/projects/my-proj/locations/us-central1/operations/operation-123
  $ pulumi-gcp-operations list projects/my-proj/locations/us-central1 --service clouddeploy --pending
  $ pulumi-gcp-operations sweep projects/my-proj/locations/us-west1 --service gkemulticloud --target-prefix projects/123/locations/us-west1/awsClusters/prod --dry-run
  $ pulumi-gcp-operations emulator --seed leftovers.json

Run "pulumi-gcp-operations COMMAND --help" for a command's flags and examples.

${EXIT_CODE_HELP}`;

/**
 * Builds the program. Commander errors throw (exitOverride) so that main decides the exit code;
 * every subcommand inherits that and the "--help" hint after usage errors.
 */
export function buildProgram(io: Io = processIo): Command {
    const program = new Command("pulumi-gcp-operations")
        .description("Inspect and cancel Google Cloud long-running operations (Cloud Deploy, GKE Multi-Cloud and more)")
        .version(packageVersion(), "-V, --version")
        .exitOverride()
        .showHelpAfterError("(add --help for usage)")
        .configureOutput({
            writeOut: (text) => io.stdout.write(text),
            writeErr: (text) => io.stderr.write(text),
        })
        .addHelpText("after", OVERVIEW);
    for (const make of [getCommand, cancelCommand, listCommand, sweepCommand, emulatorCommand]) {
        program.addCommand(
            make(io)
                .exitOverride()
                .showHelpAfterError("(add --help for usage)")
                .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) }),
        );
    }
    return program;
}
