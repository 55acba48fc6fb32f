import { ERROR_INFO_TYPE, type OperationsMethod } from "./errors";
import type { RpcCodeName } from "./status";
import type { AnyMessage } from "./types";

/** What the caller asked for, to phrase the advice. */
export interface HintContext {
    status: RpcCodeName;
    httpStatus: number;
    method: OperationsMethod;
    serviceKey?: string;
    details: AnyMessage[];
    attempts: number;
}

/** The IAM permission a method needs: `clouddeploy.operations.cancel`. */
export function permissionFor(serviceKey: string | undefined, method: OperationsMethod): string | undefined {
    return serviceKey ? `${serviceKey}.operations.${method}` : undefined;
}

/** The advice that goes with an error: what to do about it. */
export function hintFor(ctx: HintContext): string {
    switch (ctx.status) {
        case "UNAUTHENTICATED":
            return "The credentials were missing, invalid or expired: run `gcloud auth application-default login`, or set accessToken / gcp:accessToken / GOOGLE_OAUTH_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS / gcp:credentials";
        case "PERMISSION_DENIED": {
            const info = ctx.details.find((d) => d["@type"] === ERROR_INFO_TYPE);
            const fromInfo = (info?.metadata as Record<string, unknown> | undefined)?.permission;
            const permission = typeof fromInfo === "string" ? fromInfo : permissionFor(ctx.serviceKey, ctx.method);
            return permission
                ? `The caller lacks the IAM permission ${permission} on the operation's project: grant a role that includes it, or use a principal that has it (impersonateServiceAccount)`
                : "The caller lacks the IAM permission for this method on the operation's project: grant a role that includes {service}.operations." + ctx.method;
        }
        case "NOT_FOUND":
            return ctx.method === "list"
                ? "The project or location does not exist for this service, or the service or location is wrong"
                : "The operation does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong";
        case "UNIMPLEMENTED":
            return ctx.method === "cancel"
                ? "This service does not support cancelling operations"
                : "This service does not implement this method on its operations";
        case "RESOURCE_EXHAUSTED":
            return `Quota or rate limit exhausted; gave up after ${ctx.attempts} attempt(s). Try again later, lower concurrency, or request more quota`;
        case "FAILED_PRECONDITION":
            return "The operation is not in a state that allows this (it may have finished already)";
        case "INVALID_ARGUMENT":
            return "Google rejected the request as malformed: check the operation name, the API version and the filter";
        case "UNAVAILABLE":
        case "INTERNAL":
        case "UNKNOWN":
        case "DEADLINE_EXCEEDED":
            return `The service failed transiently on ${ctx.attempts} attempt(s); try again later`;
        default:
            return "";
    }
}
