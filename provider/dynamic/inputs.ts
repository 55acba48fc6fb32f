import type * as pulumi from "@pulumi/pulumi";
import { InvalidNameError, InvalidOptionError } from "../google/errors";
import { validateEndpoint } from "../google/endpoint";
import { findService } from "../google/services";
import { parseDuration } from "../util/duration";

/** The value Pulumi passes for an input not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** When to cancel. */
export type CancelOn = "create" | "delete" | "both";
/** What to do when the operation does not exist, or the service cannot cancel it. */
export type Policy = "fail" | "ignore";

export const CANCEL_ON_VALUES: readonly CancelOn[] = ["create", "delete", "both"];
export const POLICY_VALUES: readonly Policy[] = ["fail", "ignore"];

/** The inputs that say where requests go and how they authenticate, shared by both resources. */
export const TARGET_INPUTS: readonly string[] = [
    "operation", "parent", "project", "location", "service", "endpoint", "apiVersion", "universeDomain",
    "accessToken", "impersonateServiceAccount", "quotaProject",
];

/** Collects check failures, one per property, each naming the fix. */
export class Failures {
    readonly list: pulumi.dynamic.CheckFailure[] = [];

    add(property: string, reason: string): void {
        this.list.push({ property, reason });
    }

    /** Runs a validation of one input, turning our option/name errors into a failure on `property`. */
    guard(property: string, fn: () => void): void {
        this.capture(fn, () => property);
    }

    /**
     * Runs the resolution of a resource's target (its name, service, endpoint and credentials), turning our
     * option/name errors into failures: on the input an error names (one of {@link TARGET_INPUTS}), else on
     * no property, as a problem of the resource (a credentials document that cannot be read: it is stack
     * config or the environment, and its error says which).
     *
     * @param resolve - Resolves the target; throws our option or name errors.
     */
    guardTarget(resolve: () => void): void {
        this.capture(resolve, (field) => (TARGET_INPUTS.includes(field) ? field : ""));
    }

    /** Runs `fn`; our option/name errors become a failure on the property `propertyOf` gives their field, others are thrown. */
    private capture(fn: () => void, propertyOf: (field: string) => string): void {
        try {
            fn();
        } catch (err) {
            if (!(err instanceof InvalidNameError || err instanceof InvalidOptionError)) throw err;
            this.add(propertyOf(err.field), err.message);
        }
    }
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** A value as the provider should see it: Pulumi's secret wrapper removed, should an engine ever send one. */
export function plain(value: unknown): unknown {
    if (value && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG] !== undefined) return (value as { value?: unknown }).value;
    return value;
}

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

/** An optional string input: unknown passes, absent/null/"" is undefined, anything else must be a string. */
export function optionalString(news: Record<string, unknown>, key: string, failures: Failures): string | undefined {
    const value = plain(news[key]);
    if (value === undefined || value === null || value === "" || isUnknown(value)) return undefined;
    if (typeof value !== "string") {
        failures.add(key, `${key} must be a string; got ${typeof value}`);
        return undefined;
    }
    return value;
}

export function checkEnum<T extends string>(news: Record<string, unknown>, key: string, allowed: readonly T[], failures: Failures): void {
    const value = news[key];
    if (value === undefined || value === null || isUnknown(value)) return;
    if (typeof value !== "string" || !allowed.includes(value as T)) {
        failures.add(key, `${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${JSON.stringify(value)}`);
    }
}

export function checkBoolean(news: Record<string, unknown>, key: string, failures: Failures): void {
    const value = news[key];
    if (value === undefined || value === null || isUnknown(value)) return;
    if (typeof value !== "boolean") failures.add(key, `${key} must be true or false; got ${JSON.stringify(value)}`);
}

export function checkDuration(news: Record<string, unknown>, key: string, failures: Failures): void {
    const value = news[key];
    if (value === undefined || value === null || isUnknown(value)) return;
    if (typeof value === "number") {
        failures.add(key, `${key} must be a string duration such as "90s" or "20m"; got the number ${value} (write "${value}s" for seconds)`);
        return;
    }
    if (typeof value !== "string") {
        failures.add(key, `${key} must be a duration such as "90s" or "20m"; got ${JSON.stringify(value)}`);
        return;
    }
    failures.guard(key, () => parseDuration(value, key));
}

/** Checks `service`, `endpoint` and `apiVersion` without any request. */
export function checkTarget(news: Record<string, unknown>, failures: Failures): void {
    const service = optionalString(news, "service", failures);
    const endpoint = optionalString(news, "endpoint", failures);
    if (service !== undefined && !findService(service) && endpoint === undefined && !isUnknown(news.endpoint)) {
        failures.add("service", `service ${JSON.stringify(service)} is not a known service; use a registry key such as "clouddeploy" or "gkemulticloud", or set endpoint for a service not listed`);
    }
    if (endpoint !== undefined) failures.guard("endpoint", () => validateEndpoint(endpoint));
    const apiVersion = optionalString(news, "apiVersion", failures);
    if (apiVersion !== undefined && !/^v\d+(?:(?:alpha|beta)\d*)?$/.test(apiVersion)) failures.add("apiVersion", `apiVersion must look like "v1", "v2" or "v1beta1"; got ${JSON.stringify(apiVersion)}`);
    optionalString(news, "universeDomain", failures);
    optionalString(news, "accessToken", failures);
    optionalString(news, "impersonateServiceAccount", failures);
    optionalString(news, "quotaProject", failures);
}

/** The string value of an input known to be valid, or undefined. */
export function str(props: Record<string, unknown>, key: string): string | undefined {
    const value = plain(props[key]);
    return typeof value === "string" && value !== "" && value !== UNKNOWN ? value : undefined;
}
