/**
 * `get OPERATION`: the operation's current state.
 */
import { Command } from "commander";
import { addCommonOptions, CREDENTIALS_HELP, type CommonOptions } from "../common";
import { cliSettings, createClient } from "../client";
import { EXIT_CODE_HELP, ExitCode } from "../exitCodes";
import { operationArg } from "../names";
import { formatFields, summarize, type Io } from "../output";
import { runAction } from "../run";
import { writeJson } from "../output";

const EXAMPLES = `
Examples:
  $ pulumi-gcp-operations get projects/my-proj/locations/us-central1/operations/operation-123 --service clouddeploy
  $ pulumi-gcp-operations get //clouddeploy.googleapis.com/projects/my-proj/locations/us-central1/operations/operation-123
  $ pulumi-gcp-operations get operation-123 --project my-proj --location us-central1 --service clouddeploy --json | jq .outcome
  $ pulumi-gcp-operations get https://us-west1-gkemulticloud.googleapis.com/v1/projects/my-proj/locations/us-west1/operations/op-1`;

/** Builds the `get` command. */
export function getCommand(io: Io): Command {
    const command = new Command("get")
        .description("Show a long-running operation: state, verb, target, times, status and error")
        .argument("<OPERATION>", "projects/P/locations/L/operations/ID, //SERVICE.googleapis.com/..., an https API URL, or a bare ID with --project and --location");
    addCommonOptions(command, "OPERATION");
    command.addHelpText("after", `${EXAMPLES}\n\n${CREDENTIALS_HELP}\n\n${EXIT_CODE_HELP}`);
    command.action(async (raw: string, options: CommonOptions) => {
        await runAction(command, options, io, async ({ signal }) => {
            const settings = cliSettings(options);
            const client = createClient(options, settings);
            const ref = operationArg(raw, settings);
            client.resolveOperation(ref, "OPERATION");
            const operation = await client.getOperation(ref, { signal });
            const summary = summarize(operation);
            if (options.json) {
                writeJson(io, { name: operation.name, outcome: summary.state, summary, operation });
            } else {
                io.stdout.write(
                    formatFields([
                        ["NAME", operation.name],
                        ["STATE", summary.state],
                        ["VERB", summary.verb],
                        ["TARGET", summary.target],
                        ["CREATED", summary.createTime],
                        ["ENDED", summary.endTime],
                        ["CANCEL REQUESTED", summary.cancelRequested === undefined ? undefined : String(summary.cancelRequested)],
                        ["STATUS", summary.statusMessage],
                        ["ERROR", summary.error],
                    ]),
                );
            }
            return ExitCode.OK;
        });
    });
    return command;
}
