/**
 * Flags shared by the commands that talk to the Operations API. (What the library's settings are called
 * on the command line, in messages, is in ./vocabulary.)
 */
import type { Command } from "commander";
import { nonEmptyArg } from "./parsers";

/** The common flags, as commander hands them to an action. */
export interface CommonOptions {
    service?: string;
    endpoint?: string;
    apiVersion?: string;
    universeDomain?: string;
    project?: string;
    location?: string;
    json?: boolean;
    impersonateServiceAccount?: string;
    quotaProject?: string;
    accessToken?: string;
}

/**
 * What a command's argument is: an OPERATION (get, cancel), which --project and --location complete when
 * it is a bare id, or a PARENT (list, sweep), which they replace when it is not given.
 */
export type CommandArgument = "OPERATION" | "PARENT";

/** Adds the connection, credential and output flags to a command. */
export function addCommonOptions(command: Command, argument: CommandArgument): Command {
    const completes = argument === "OPERATION" ? "of a bare operation id" : "when PARENT is not given";
    return command
        .option("--service <key>", "service that owns the operations, e.g. clouddeploy, gkemulticloud (not needed with a //service.googleapis.com/... or https URL name, or --endpoint)", nonEmptyArg("--service"))
        .option("--endpoint <url>", "base URL of the API instead of the service's Google host (https, or http on loopback for the emulator)", nonEmptyArg("--endpoint"))
        .option("--api-version <version>", "API version instead of the service's (v1, v2, v1beta1)", nonEmptyArg("--api-version"))
        .option("--universe-domain <domain>", "universe domain instead of googleapis.com", nonEmptyArg("--universe-domain"))
        .option("--project <id>", `project ${completes} (default: GOOGLE_PROJECT, GOOGLE_CLOUD_PROJECT, CLOUDSDK_CORE_PROJECT)`, nonEmptyArg("--project"))
        .option("--location <location>", `location ${completes}${argument === "PARENT" ? "; - for every location" : ""} (default: GOOGLE_REGION, CLOUDSDK_COMPUTE_REGION)`, nonEmptyArg("--location"))
        .option("--impersonate-service-account <email>", "impersonate this service account (default: GOOGLE_IMPERSONATE_SERVICE_ACCOUNT)", nonEmptyArg("--impersonate-service-account"))
        .option("--quota-project <id>", "project billed for quota (x-goog-user-project)", nonEmptyArg("--quota-project"))
        .option("--access-token <token>", "OAuth 2 access token; discouraged (visible in the process list): prefer GOOGLE_OAUTH_ACCESS_TOKEN", nonEmptyArg("--access-token"))
        .option("--json", "machine output: exactly one JSON document on stdout");
}

/** The credentials paragraph shown in every API command's help. */
export const CREDENTIALS_HELP = `Credentials, first found wins:
  --access-token, GOOGLE_OAUTH_ACCESS_TOKEN; GOOGLE_CREDENTIALS (JSON or path);
  otherwise Application Default Credentials (gcloud auth application-default login,
  GOOGLE_APPLICATION_CREDENTIALS, metadata server). --impersonate-service-account
  (or GOOGLE_IMPERSONATE_SERVICE_ACCOUNT) impersonates on top of them.`;
