import type * as pulumi from "@pulumi/pulumi";
import type { CancelResult, OperationsClient } from "../google/client";
import { GoogleApiError, InvalidNameError } from "../google/errors";
import { operationNameFromParts, parseOperationName, isBareOperationId, type OperationRef } from "../google/names";
import type { Operation, Outcome } from "../google/types";
import { formatDuration, parseDuration } from "../util/duration";
import { ResourceInitError } from "./initError";
import {
    CANCEL_ON_VALUES, Failures, POLICY_VALUES, checkBoolean, checkDuration, checkEnum, checkTarget, isUnknown, optionalString, str,
    type CancelOn, type Policy,
} from "./inputs";
import { resourceProgress, resourceProgressReporter } from "./progress";
import type { ProviderContext } from "./runtime";
import { clientFromProps, settingsFromProps } from "./settings";

const LABEL = "OperationCancellation";
const DEFAULT_TIMEOUT = "20m";

/** The settings every step reads from inputs or the recorded outputs. */
interface Settings {
    operationInput: string;
    cancelOn: CancelOn;
    wait: boolean;
    timeout: string;
    ifNotFound: Policy;
    ifUnsupported: Policy;
}

/** Where the operation is and how to reach it, decided without any request. */
interface Target {
    ref: OperationRef;
    service: string | null;
    endpoint: string;
    apiVersion: string;
    client: OperationsClient;
}

/** The state recorded after a step. */
interface Status {
    outcome: Outcome;
    done: boolean;
    found: boolean;
    cancelRequested: boolean;
    cancelRequestedAt: string | null;
    error: Record<string, unknown> | null;
    metadata: Record<string, unknown> | null;
    message: string;
    lastCheckedAt: string;
}

function includesCreate(cancelOn: CancelOn): boolean {
    return cancelOn === "create" || cancelOn === "both";
}

function includesDelete(cancelOn: CancelOn): boolean {
    return cancelOn === "delete" || cancelOn === "both";
}

function settingsOf(props: Record<string, unknown>): Settings {
    return {
        operationInput: String(props.operationInput ?? props.operation),
        cancelOn: (str(props, "cancelOn") as CancelOn | undefined) ?? "create",
        wait: props.wait !== false,
        timeout: str(props, "timeout") ?? (typeof props.timeout === "number" ? `${props.timeout}s` : DEFAULT_TIMEOUT),
        ifNotFound: (str(props, "ifNotFound") as Policy | undefined) ?? "fail",
        ifUnsupported: (str(props, "ifUnsupported") as Policy | undefined) ?? "fail",
    };
}

/** Builds the provider implementation of `OperationCancellation`. */
export function createCancellationProvider(ctx: ProviderContext): pulumi.dynamic.ResourceProvider {
    /** Resolves the operation's name, service and endpoint from inputs (or recorded outputs) and config. */
    function target(props: Record<string, unknown>, recorded = false): Target {
        const settings = settingsFromProps(props, ctx.config);
        const raw = String(props.operation);
        const ref = recorded || !isBareOperationId(raw) ? parseOperationName(raw) : completeBareId(raw, settings.project, settings.location);
        const client = clientFromProps(props, settings);
        const resolved = client.resolveOperation(ref);
        return {
            ref: resolved.ref,
            service: resolved.endpoint.serviceKey ?? null,
            endpoint: resolved.endpoint.baseUrl,
            apiVersion: resolved.endpoint.apiVersion,
            client,
        };
    }

    function outputs(props: Record<string, unknown>, t: Target, status: Status): Record<string, unknown> {
        const s = settingsOf(props);
        const outs: Record<string, unknown> = {
            operation: t.ref.name,
            operationInput: s.operationInput,
            service: t.service,
            endpoint: t.endpoint,
            apiVersion: t.apiVersion,
            universeDomain: str(props, "universeDomain") ?? null,
            project: t.ref.project,
            location: t.ref.location,
            cancelOn: s.cancelOn,
            wait: s.wait,
            timeout: s.timeout,
            ifNotFound: s.ifNotFound,
            ifUnsupported: s.ifUnsupported,
            impersonateServiceAccount: str(props, "impersonateServiceAccount") ?? null,
            quotaProject: str(props, "quotaProject") ?? null,
            ...status,
        };
        if (typeof props.__provider === "string") outs.__provider = props.__provider;
        return outs;
    }

    /** Sends the cancel (or only waits/looks) and turns the result into a status, honouring the policies. */
    async function act(props: Record<string, unknown>, t: Target, mode: { sendCancel: boolean; wait: boolean; previous?: Record<string, unknown> }): Promise<{ status: Status; result: CancelResult }> {
        const s = settingsOf(props);
        const timeoutMs = parseDuration(s.timeout, "timeout");
        const progress = resourceProgress(props);
        const report = resourceProgressReporter(LABEL, progress);
        let acceptedAt: string | undefined;
        let result: CancelResult;
        try {
            result = await t.client.cancelAndConfirm(t.ref, {
                sendCancel: mode.sendCancel,
                wait: mode.wait,
                timeoutMs,
                onPoll: report,
                onCancelAccepted: (at) => {
                    acceptedAt = at;
                },
            });
        } catch (err) {
            if (acceptedAt === undefined) throw err;
            // The server accepted the cancel: record it, so that no later step ever sends a second one.
            const reason = err instanceof Error ? err.message : String(err);
            const status = statusFrom("RUNNING", undefined, {
                cancelRequested: true,
                cancelRequestedAt: acceptedAt,
                found: true,
                message: `the cancel of ${t.ref.name} was accepted, but its outcome could not be read: ${reason}`,
            });
            throw new ResourceInitError(
                `${LABEL}: the cancel of ${t.ref.name} was accepted at ${acceptedAt}, but confirming it failed: ${reason}. ` +
                    "The resource was recorded with outcome RUNNING and the cancel as requested; run `pulumi up` again to read the outcome (no second cancel is sent)",
                t.ref.name,
                outputs(props, t, status),
            );
        }
        if (result.outcome === "NOT_FOUND" && s.ifNotFound === "fail") {
            throw new Error(`${LABEL}: ${result.message}${httpSuffix(result)}. Fix operation, service or location, or set ifNotFound: "ignore" to record it and go on`);
        }
        if (result.outcome === "UNSUPPORTED" && s.ifUnsupported === "fail") {
            throw new Error(`${LABEL}: ${result.message}${httpSuffix(result)}. Set ifUnsupported: "ignore" to record the operation as it is and go on`);
        }
        const previouslySent = mode.previous?.cancelRequested === true || result.cancelAlreadyRequested === true;
        const status = statusFrom(result.outcome, result.operation, {
            cancelRequested: previouslySent || result.cancelSent,
            cancelRequestedAt: result.cancelRequestedAt ?? (typeof mode.previous?.cancelRequestedAt === "string" ? mode.previous.cancelRequestedAt : null),
            found: result.outcome !== "NOT_FOUND",
            message: result.message,
        });
        if (result.outcome === "RUNNING" && mode.wait) {
            const outs = outputs(props, t, status);
            throw new ResourceInitError(
                `${LABEL}: ${t.ref.name} was still running after ${formatDuration(timeoutMs)}` +
                    (status.cancelRequested ? " (the cancel was requested)" : "") +
                    `. The resource was recorded with outcome RUNNING; run \`pulumi up\` again to resume waiting (no second cancel is sent), or raise timeout`,
                t.ref.name,
                outs,
            );
        }
        const outcomeLine = `${result.outcome}: ${result.message} (${formatDuration(result.elapsedMs)})`;
        await progress.outcome(outcomeLine, `${LABEL}: ${outcomeLine}`);
        return { status, result };
    }

    return {
        async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
            const failures = new Failures();
            const operation = news.operation;
            if (operation === undefined || operation === null || operation === "") {
                failures.add("operation", "operation is required: an operation name projects/{project}/locations/{location}/operations/{id}, a full resource name or an API URL");
            } else if (!isUnknown(operation)) {
                if (typeof operation !== "string") failures.add("operation", "operation must be a string");
                else if (isBareOperationId(operation)) {
                    const settings = settingsFromProps(news, ctx.config);
                    if (!isUnknown(news.project) && !isUnknown(news.location)) failures.guard("operation", () => completeBareId(operation, settings.project, settings.location));
                } else failures.guard("operation", () => parseOperationName(operation));
            }
            optionalString(news, "project", failures);
            optionalString(news, "location", failures);
            checkTarget(news, failures);
            checkEnum(news, "cancelOn", CANCEL_ON_VALUES, failures);
            checkEnum(news, "ifNotFound", POLICY_VALUES, failures);
            checkEnum(news, "ifUnsupported", POLICY_VALUES, failures);
            checkBoolean(news, "wait", failures);
            checkDuration(news, "timeout", failures);
            if (failures.list.length === 0 && !hasUnknown(news)) {
                failures.guardTarget(() => target(news));
            }
            return failures.list.length ? { inputs: news, failures: failures.list } : { inputs: news };
        },

        async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
            const replaces: string[] = [];
            if (hasUnknown(news, ["operation", "service", "endpoint", "apiVersion", "project", "location", "universeDomain"])) {
                return { changes: true, replaces: ["operation"], deleteBeforeReplace: false };
            }
            const t = target(news);
            if (t.ref.name !== olds.operation) replaces.push("operation");
            if ((t.service ?? null) !== (olds.service ?? null)) replaces.push("service");
            if (t.endpoint !== olds.endpoint) replaces.push("endpoint");
            if (t.apiVersion !== olds.apiVersion) replaces.push("apiVersion");
            const before = settingsOf(olds);
            const after = settingsOf(news);
            const changed = (Object.keys(after) as Array<keyof Settings>).filter((k) => k !== "operationInput" && after[k] !== before[k]);
            for (const key of ["impersonateServiceAccount", "quotaProject", "universeDomain"]) {
                if ((str(news, key) ?? null) !== (olds[key] ?? null)) changed.push(key as keyof Settings);
            }
            const unfinished = olds.outcome === "RUNNING" && (needsCancel(olds, after) || needsResume(olds, after));
            return { changes: replaces.length > 0 || changed.length > 0 || unfinished, replaces, deleteBeforeReplace: false };
        },

        async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
            const t = target(inputs);
            const s = settingsOf(inputs);
            const { status } = await act(inputs, t, { sendCancel: includesCreate(s.cancelOn), wait: s.wait && includesCreate(s.cancelOn) });
            return { id: t.ref.name, outs: outputs(inputs, t, status) };
        },

        async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
            const t = target(props, true);
            let operation: Operation;
            try {
                operation = await t.client.getOperation(t.ref, { timeoutMs: 60_000 });
            } catch (err) {
                if (err instanceof GoogleApiError && err.status === "NOT_FOUND") {
                    const kept = { ...props, found: false, lastCheckedAt: new Date().toISOString(), message: `${t.ref.name} is no longer found (Google keeps operations for about 30 days); the recorded outcome ${String(props.outcome)} is kept` };
                    return { id, props: kept };
                }
                throw err;
            }
            const recorded = props.outcome as Outcome | undefined;
            const outcome = recorded === "UNSUPPORTED" && !operation.done ? "UNSUPPORTED" : t.client.outcomeOf(t.ref, operation, props.cancelRequested === true);
            const status = statusFrom(outcome, operation, {
                cancelRequested: props.cancelRequested === true,
                cancelRequestedAt: typeof props.cancelRequestedAt === "string" ? props.cancelRequestedAt : null,
                found: true,
                message: `${t.ref.name}: ${operation.done ? `done (${outcome})` : "still running"} when refreshed`,
            });
            return { id, props: { ...props, ...status } };
        },

        async update(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
            const t = target(news);
            const after = settingsOf(news);
            if (olds.outcome === "RUNNING" && (needsCancel(olds, after) || needsResume(olds, after))) {
                const sendCancel = needsCancel(olds, after);
                const { status } = await act(news, t, { sendCancel, wait: after.wait, previous: olds });
                return { outs: outputs(news, t, status) };
            }
            return { outs: outputs(news, t, recordedStatus(olds)) };
        },

        async delete(_id: string, props: Record<string, unknown>): Promise<void> {
            const s = settingsOf(props);
            if (!includesDelete(s.cancelOn)) return;
            const t = target(props, true);
            try {
                await act(props, t, { sendCancel: true, wait: s.wait, previous: props });
            } catch (err) {
                if (err instanceof ResourceInitError) {
                    throw new Error(`${err.message.replace(/\. The resource was recorded.*$/, "")}. The resource stays in the stack; run \`pulumi destroy\` again to resume, or raise timeout`, { cause: err });
                }
                throw err;
            }
        },
    };
}

function needsCancel(olds: Record<string, unknown>, after: Settings): boolean {
    return includesCreate(after.cancelOn) && olds.cancelRequested !== true && olds.found !== false;
}

function needsResume(olds: Record<string, unknown>, after: Settings): boolean {
    return olds.cancelRequested === true && after.wait && olds.found !== false;
}

function completeBareId(id: string, project: string | undefined, location: string | undefined): OperationRef {
    if (!project || !location) {
        const missing = [!project ? "project (or gcp:project / GOOGLE_PROJECT)" : "", !location ? "location (or gcp:region / GOOGLE_REGION)" : ""].filter(Boolean).join(" and ");
        throw new InvalidNameError("operation", `operation ${JSON.stringify(id)} is a bare operation id; set ${missing}, or give the full name projects/{project}/locations/{location}/operations/{id}`);
    }
    return operationNameFromParts(project, location, id);
}

function hasUnknown(props: Record<string, unknown>, keys?: string[]): boolean {
    return (keys ?? Object.keys(props)).some((k) => isUnknown(props[k]));
}

function httpSuffix(result: CancelResult): string {
    return result.error ? ` (HTTP ${result.error.httpStatus} ${result.error.status}: ${result.error.googleMessage})` : "";
}

function statusFrom(outcome: Outcome, operation: Operation | undefined, extra: { cancelRequested: boolean; cancelRequestedAt: string | null; found: boolean; message: string }): Status {
    return {
        outcome,
        done: operation?.done === true,
        found: extra.found,
        cancelRequested: extra.cancelRequested,
        cancelRequestedAt: extra.cancelRequestedAt,
        error: operation?.error ? { ...operation.error } : null,
        metadata: operation?.metadata ? { ...operation.metadata } : null,
        message: extra.message,
        lastCheckedAt: new Date().toISOString(),
    };
}

function recordedStatus(olds: Record<string, unknown>): Status {
    return {
        outcome: olds.outcome as Outcome,
        done: olds.done === true,
        found: olds.found !== false,
        cancelRequested: olds.cancelRequested === true,
        cancelRequestedAt: typeof olds.cancelRequestedAt === "string" ? olds.cancelRequestedAt : null,
        error: (olds.error as Record<string, unknown> | null) ?? null,
        metadata: (olds.metadata as Record<string, unknown> | null) ?? null,
        message: typeof olds.message === "string" ? olds.message : "",
        lastCheckedAt: typeof olds.lastCheckedAt === "string" ? olds.lastCheckedAt : new Date().toISOString(),
    };
}
