/**
 * `list [PARENT]`: the operations under a project and location, streamed page by page.
 */
import { Command } from "commander";
import type { Operation } from "../../google/types";
import { addCommonOptions, CREDENTIALS_HELP, type CommonOptions } from "../common";
import { cliSettings, createClient } from "../client";
import { EXIT_CODE_HELP, ExitCode } from "../exitCodes";
import { parentArg } from "../names";
import { ageOf, formatTable, summarize, writeJson, type Io } from "../output";
import { nonEmptyArg, positiveIntArg } from "../parsers";
import { runAction } from "../run";

interface ListOptions extends CommonOptions {
    pending?: boolean;
    target?: string;
    targetPrefix?: string;
    filter?: string;
    pageSize?: number;
    limit?: number;
}

const EXAMPLES = `
Examples:
  $ pulumi-gcp-operations list projects/my-proj/locations/us-central1 --service clouddeploy --pending
  $ pulumi-gcp-operations list --project my-proj --location us-central1 --service clouddeploy \\
      --target-prefix projects/123/locations/us-central1/deliveryPipelines/web --json
  $ pulumi-gcp-operations list //gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1 --filter done=false --limit 20

--pending, --target and --target-prefix select on the client (they always work); --filter is sent to
the service, whose support for it varies.`;

/** Client-side selection of `list`. */
export function listSelector(options: Pick<ListOptions, "pending" | "target" | "targetPrefix">): (operation: Operation) => boolean {
    return (operation) => {
        if (options.pending && operation.done) return false;
        const target = operation.metadata?.target;
        if (options.target !== undefined && target !== options.target) return false;
        if (options.targetPrefix !== undefined && !(typeof target === "string" && target.startsWith(options.targetPrefix))) return false;
        return true;
    };
}

/** Builds the `list` command. */
export function listCommand(io: Io): Command {
    const command = new Command("list")
        .description("List the operations under a project and location")
        .argument("[PARENT]", "projects/P/locations/L (L may be - for every location), //SERVICE.googleapis.com/..., an https API URL; default from --project and --location")
        .option("--pending", "only operations that are not done")
        .option("--target <resource>", "only operations whose metadata.target is exactly this resource", nonEmptyArg("--target"))
        .option("--target-prefix <prefix>", "only operations whose metadata.target starts with this", nonEmptyArg("--target-prefix"))
        .option("--filter <expr>", "server-side filter, e.g. done=false (support varies by service)", nonEmptyArg("--filter"))
        .option("--page-size <n>", "operations per ListOperations page (the server may cap it)", positiveIntArg("--page-size", 1000))
        .option("--limit <n>", "stop after this many operations shown", positiveIntArg("--limit"));
    addCommonOptions(command, "PARENT");
    command.addHelpText("after", `${EXAMPLES}\n\n${CREDENTIALS_HELP}\n\n${EXIT_CODE_HELP}`);
    command.action(async (raw: string | undefined, options: ListOptions) => {
        await runAction(command, options, io, async ({ signal }) => {
            const settings = cliSettings(options);
            const client = createClient(options, settings);
            const ref = parentArg(raw, settings);
            client.resolveParent(ref, "PARENT");
            const select = listSelector(options);
            const operations: Operation[] = [];
            let listed = 0;
            let truncated = false;
            for await (const operation of client.listOperations(ref, {
                signal,
                ...(options.filter !== undefined ? { filter: options.filter } : {}),
                ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
            })) {
                listed++;
                if (!select(operation)) continue;
                if (options.limit !== undefined && operations.length >= options.limit) {
                    truncated = true;
                    break;
                }
                operations.push(operation);
            }
            if (options.json) {
                writeJson(io, { parent: ref.name, count: operations.length, listed, truncated, operations });
                return ExitCode.OK;
            }
            if (operations.length === 0) {
                io.stdout.write(`No operations${listed > 0 ? ` matched (${listed} listed)` : ""} under ${ref.name}.\n`);
                return ExitCode.OK;
            }
            const now = Date.now();
            const rows = operations.map((op) => {
                const s = summarize(op);
                return [s.id, s.location, s.state, s.verb ?? "", ageOf(s.createTime, now), s.target ?? ""];
            });
            io.stdout.write(formatTable(["ID", "LOCATION", "STATE", "VERB", "AGE", "TARGET"], rows));
            if (truncated) io.stderr.write(`(stopped at --limit ${options.limit}; more operations match)\n`);
            return ExitCode.OK;
        });
    });
    return command;
}
