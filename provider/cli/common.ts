/**
 * Flags shared by the commands that talk to the Operations API, and the names they go by in errors.
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

/** Library option names → the flag (or environment variable) that sets them, for error messages. */
const FLAG_OF_FIELD: Record<string, string> = {
    service: "--service",
    endpoint: "--endpoint",
    apiVersion: "--api-version",
    universeDomain: "--universe-domain",
    quotaProject: "--quota-project",
    accessToken: "--access-token (or GOOGLE_OAUTH_ACCESS_TOKEN)",
    impersonateServiceAccount: "--impersonate-service-account (or GOOGLE_IMPERSONATE_SERVICE_ACCOUNT)",
    credentials: "GOOGLE_CREDENTIALS",
    pageSize: "--page-size",
    project: "--project",
    location: "--location",
};

/** The flag that sets a library option, or the field itself when it is already a flag or argument name. */
export function flagOf(field: string): string {
    return FLAG_OF_FIELD[field] ?? field;
}

/** Adds the connection, credential and output flags to a command. */
export function addCommonOptions(command: Command): Command {
    return command
        .option("--service <key>", "service that owns the operations, e.g. clouddeploy, gkemulticloud (not needed with a //service.googleapis.com/... or https URL name, or --endpoint)", nonEmptyArg("--service"))
        .option("--endpoint <url>", "base URL of the API instead of the service's Google host (https, or http on loopback for the emulator)", nonEmptyArg("--endpoint"))
        .option("--api-version <version>", "API version instead of the service's (v1, v2, v1beta1)", nonEmptyArg("--api-version"))
        .option("--universe-domain <domain>", "universe domain instead of googleapis.com", nonEmptyArg("--universe-domain"))
        .option("--project <id>", "project for a bare operation id or a missing PARENT (default: GOOGLE_CLOUD_PROJECT, GOOGLE_PROJECT, CLOUDSDK_CORE_PROJECT)", nonEmptyArg("--project"))
        .option("--location <location>", "location for a bare operation id or a missing PARENT (default: GOOGLE_REGION, CLOUDSDK_COMPUTE_REGION)", nonEmptyArg("--location"))
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
