import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { OperationsClient } from "../google/client";
import { GoogleApiError, InvalidOptionError } from "../google/errors";
import { parseParentName, type ParentRef } from "../google/names";
import { SharedBackoff } from "../google/retry";
import { SweepListError, sweepOperations } from "../sweep/engine";
import { sweepProgressReporter } from "../sweep/progress";
import { bucketOf, describeSweep, emptyCounts, isFailure } from "../sweep/summary";
import type { SweepCounts, SweepItem, SweepResult, SweepSelection } from "../sweep/types";
import { TaskPool } from "../sweep/pool";
import { formatDuration, parseDuration } from "../util/duration";
import { ResourceInitError } from "./initError";
import {
    CANCEL_ON_VALUES, Failures, POLICY_VALUES, checkBoolean, checkDuration, checkEnum, checkTarget, isUnknown, optionalString, str,
    type CancelOn, type Policy,
} from "./inputs";
import { resourceProgress, statusSink } from "./progress";
import type { ProviderContext } from "./runtime";
import { clientFromProps, settingsFromProps } from "./settings";

const LABEL = "OperationSweep";
const DEFAULT_TIMEOUT = "20m";
const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;
/** Failures named in an error message; the rest are counted. */
const FAILURES_SHOWN = 5;

/** The settings every step reads from inputs or from the recorded outputs. */
interface Settings {
    filter: string | null;
    target: string | null;
    targetPrefix: string | null;
    verbs: string[] | null;
    olderThan: string | null;
    cancelOn: CancelOn;
    triggers: unknown;
    wait: boolean;
    timeout: string;
    maxConcurrency: number;
    dryRun: boolean;
    ifFailures: Policy;
}

/** Where the sweep lists and how to reach it, decided without any request. */
interface Scope {
    ref: ParentRef;
    service: string | null;
    endpoint: string;
    apiVersion: string;
    client: OperationsClient;
    backoff: SharedBackoff;
}

/** What the last sweep found, as recorded in the outputs. */
interface Status {
    matched: string[];
    cancelled: string[];
    alreadyDone: string[];
    /** Done after the cancel, whether by it their service cannot tell (GKE, Cloud SQL). */
    ended: string[];
    stillRunning: string[];
    failures: Array<{ name: string; error: string; httpStatus: number | null; status: string | null }>;
    /** Every operation this resource's sweeps sent a cancel to (or may have: written, never answered); never sent again. */
    cancelRequested: string[];
    counts: SweepCounts;
    lastSweptAt: string | null;
    message: string;
}

/** Keys that decide where the sweep lists: a change replaces the resource. */
const SCOPE_KEYS = ["parent", "project", "location", "service", "endpoint", "apiVersion", "universeDomain"];
/** Keys that decide what a sweep takes: a change sweeps again. */
const SWEEP_KEYS = ["filter", "target", "targetPrefix", "verbs", "olderThan", "triggers", "dryRun"] as const;

function includesCreate(cancelOn: CancelOn): boolean {
    return cancelOn === "create" || cancelOn === "both";
}

function includesDelete(cancelOn: CancelOn): boolean {
    return cancelOn === "delete" || cancelOn === "both";
}

function stringList(value: unknown): string[] | null {
    return Array.isArray(value) && value.length > 0 ? value.map(String) : null;
}

function settingsOf(props: Record<string, unknown>): Settings {
    return {
        filter: str(props, "filter") ?? null,
        target: str(props, "target") ?? null,
        targetPrefix: str(props, "targetPrefix") ?? null,
        verbs: stringList(props.verbs),
        olderThan: str(props, "olderThan") ?? (typeof props.olderThan === "number" ? `${props.olderThan}s` : null),
        cancelOn: (str(props, "cancelOn") as CancelOn | undefined) ?? "create",
        triggers: props.triggers ?? null,
        wait: props.wait !== false,
        timeout: str(props, "timeout") ?? (typeof props.timeout === "number" ? `${props.timeout}s` : DEFAULT_TIMEOUT),
        maxConcurrency: typeof props.maxConcurrency === "number" ? props.maxConcurrency : DEFAULT_CONCURRENCY,
        dryRun: props.dryRun === true,
        ifFailures: (str(props, "ifFailures") as Policy | undefined) ?? "fail",
    };
}

function sweepKey(s: Settings): string {
    return JSON.stringify(SWEEP_KEYS.map((k) => s[k]));
}

function selectionOf(s: Settings): SweepSelection {
    return {
        ...(s.filter ? { filter: s.filter } : {}),
        ...(s.target ? { target: s.target } : {}),
        ...(s.targetPrefix ? { targetPrefix: s.targetPrefix } : {}),
        ...(s.verbs ? { verbs: s.verbs } : {}),
        ...(s.olderThan ? { olderThanMs: parseDuration(s.olderThan, "olderThan") } : {}),
    };
}

function emptyStatus(message: string): Status {
    return { matched: [], cancelled: [], alreadyDone: [], ended: [], stillRunning: [], failures: [], cancelRequested: [], counts: emptyCounts(), lastSweptAt: null, message };
}

function statusFrom(result: SweepResult, listError: boolean, earlier: readonly string[]): Status {
    // Sorted: items arrive in completion order, and state should not change with timing.
    const names = (pick: (item: SweepItem) => boolean) => result.items.filter(pick).map((i) => i.name).sort();
    const inBucket = (bucket: ReturnType<typeof bucketOf>) => names((i) => bucketOf(i.outcome) === bucket);
    return {
        matched: names(() => true),
        cancelled: inBucket("cancelled"),
        alreadyDone: inBucket("alreadyDone"),
        ended: inBucket("ended"),
        stillRunning: inBucket("running"),
        failures: result.items.filter(isFailure).sort((a, b) => (a.name < b.name ? -1 : 1)).map((i) => ({
            name: i.name,
            error: i.error?.message ?? i.outcome,
            httpStatus: i.error?.httpStatus ?? null,
            status: i.error?.status ?? null,
        })),
        cancelRequested: [...new Set([...earlier, ...result.items.filter((i) => i.cancel !== "not-sent").map((i) => i.name)])].sort(),
        counts: { ...result.counts },
        lastSweptAt: new Date().toISOString(),
        message: describeSweep(result) + (listError ? "; listing failed" : ""),
    };
}

function recordedStatus(olds: Record<string, unknown>): Status {
    const list = (k: string) => (Array.isArray(olds[k]) ? (olds[k] as unknown[]).map(String) : []);
    return {
        matched: list("matched"),
        cancelled: list("cancelled"),
        alreadyDone: list("alreadyDone"),
        ended: list("ended"),
        stillRunning: list("stillRunning"),
        failures: Array.isArray(olds.failures) ? (olds.failures as Status["failures"]) : [],
        cancelRequested: list("cancelRequested"),
        counts: { ...emptyCounts(), ...((olds.counts as Partial<SweepCounts> | null) ?? {}) },
        lastSweptAt: typeof olds.lastSweptAt === "string" ? olds.lastSweptAt : null,
        message: typeof olds.message === "string" ? olds.message : "",
    };
}

/** True when the recorded sweep did not reach the state its settings ask for (the step failed). */
function unfinished(olds: Record<string, unknown>): boolean {
    const s = settingsOf(olds);
    const status = recordedStatus(olds);
    return (s.wait && status.stillRunning.length > 0) || (s.ifFailures === "fail" && status.failures.length > 0) || olds.listFailed === true;
}

/** Why the step fails, or undefined when the sweep is acceptable under the settings. */
function problemOf(s: Settings, status: Status, timeoutMs: number, listError: string | undefined): string | undefined {
    const reasons: string[] = [];
    if (listError) reasons.push(listError);
    if (s.ifFailures === "fail" && status.failures.length > 0) {
        const shown = status.failures.slice(0, FAILURES_SHOWN).map((f) => `${f.name}: ${f.error}`);
        const more = status.failures.length > FAILURES_SHOWN ? `; and ${status.failures.length - FAILURES_SHOWN} more (see the failures output)` : "";
        reasons.push(`${status.failures.length} of ${status.counts.matched} matched operations failed: ${shown.join("; ")}${more}. Fix the cause (permissions, service), or set ifFailures: "ignore" to record failures and go on`);
    }
    if (s.wait && status.stillRunning.length > 0) {
        reasons.push(`${status.stillRunning.length} operation(s) were still running after ${formatDuration(timeoutMs)} (cancel requested where possible); raise timeout, or set wait: false`);
    }
    return reasons.length ? `${LABEL}: ${status.message}. ${reasons.join(". ")}` : undefined;
}

/** Builds the provider implementation of `OperationSweep`. */
export function createSweepProvider(ctx: ProviderContext): pulumi.dynamic.ResourceProvider {
    /** Resolves the parent, service and endpoint from inputs (or recorded outputs) and config. Makes no request. */
    function scope(props: Record<string, unknown>, recorded = false): Scope {
        const settings = settingsFromProps(props, ctx.config);
        let ref: ParentRef;
        const parent = str(props, "parent");
        if (parent !== undefined) ref = parseParentName(parent, "parent");
        else if (!recorded && settings.project && settings.location) ref = parseParentName(`projects/${settings.project}/locations/${settings.location}`, "parent");
        else if (recorded) {
            throw new InvalidOptionError(
                "parent",
                "parent is missing from this sweep's recorded state, so it cannot be read or deleted; remove it from the stack with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists them) and declare it again",
            );
        } else {
            const missing = [!settings.project ? "project (or gcp:project / GOOGLE_PROJECT)" : "", !settings.location ? "location (or gcp:region / GOOGLE_REGION)" : ""].filter(Boolean).join(" and ");
            throw new InvalidOptionError("parent", `parent is required: set parent to projects/{project}/locations/{location}, or set ${missing}`);
        }
        const backoff = new SharedBackoff();
        const client = clientFromProps(props, settings, { backoff });
        const resolved = client.resolveParent(ref);
        return { ref: resolved.ref, service: resolved.endpoint.serviceKey ?? null, endpoint: resolved.endpoint.baseUrl, apiVersion: resolved.endpoint.apiVersion, client, backoff };
    }

    function outputs(props: Record<string, unknown>, sc: Scope, status: Status, extra: { listFailed?: boolean } = {}): Record<string, unknown> {
        const s = settingsOf(props);
        const outs: Record<string, unknown> = {
            parent: sc.ref.name,
            parentInput: str(props, "parentInput") ?? str(props, "parent") ?? null,
            project: sc.ref.project,
            location: sc.ref.location,
            service: sc.service,
            endpoint: sc.endpoint,
            apiVersion: sc.apiVersion,
            universeDomain: str(props, "universeDomain") ?? null,
            ...s,
            impersonateServiceAccount: str(props, "impersonateServiceAccount") ?? null,
            quotaProject: str(props, "quotaProject") ?? null,
            ...status,
            listFailed: extra.listFailed === true,
        };
        if (typeof props.__provider === "string") outs.__provider = props.__provider;
        return outs;
    }

    /** Runs one sweep with the settings of `props`; returns the status and why the step fails, if it does. */
    async function sweep(props: Record<string, unknown>, sc: Scope, earlier: readonly string[]): Promise<{ status: Status; problem?: string; listFailed: boolean }> {
        const s = settingsOf(props);
        const timeoutMs = parseDuration(s.timeout, "timeout");
        const progress = resourceProgress(props);
        const starting = `${s.dryRun ? "dry run of a sweep" : "sweeping"} ${sc.ref.name} (${sc.endpoint})`;
        progress.status(starting, `${LABEL}: ${starting}`);
        let result: SweepResult;
        let listError: string | undefined;
        try {
            result = await sweepOperations(sc.client, {
                parent: sc.ref,
                selection: selectionOf(s),
                dryRun: s.dryRun,
                wait: s.wait,
                timeoutMs,
                maxConcurrency: s.maxConcurrency,
                backoff: sc.backoff,
                alreadyRequested: new Set(earlier),
                onEvent: sweepProgressReporter(LABEL, sc.ref.name, statusSink(progress, `${LABEL}: ${sc.ref.name}: `)),
            });
        } catch (err) {
            if (!(err instanceof SweepListError)) throw err;
            result = err.partial;
            listError = err.message;
        }
        const status = statusFrom(result, listError !== undefined, earlier);
        await progress.outcome(status.message, `${LABEL}: ${status.message}`);
        return { status, problem: problemOf(s, status, timeoutMs, listError), listFailed: listError !== undefined };
    }

    /** Sweeps in create or update; a step that fails still records what it did (the next `up` sweeps again). */
    async function sweepStep(id: string, props: Record<string, unknown>, sc: Scope, earlier: readonly string[] = []): Promise<Record<string, unknown>> {
        const { status, problem, listFailed } = await sweep(props, sc, earlier);
        const outs = outputs(props, sc, status, { listFailed });
        if (problem) throw new ResourceInitError(`${problem}. What was done is recorded; the next \`pulumi up\` sweeps again`, id, outs);
        return outs;
    }

    return {
        async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
            const failures = new Failures();
            const parent = optionalString(news, "parent", failures);
            if (parent !== undefined) failures.guard("parent", () => parseParentName(parent, "parent"));
            optionalString(news, "project", failures);
            optionalString(news, "location", failures);
            checkTarget(news, failures);
            for (const key of ["filter", "target", "targetPrefix"]) optionalString(news, key, failures);
            checkVerbs(news, failures);
            checkDuration(news, "olderThan", failures);
            checkEnum(news, "cancelOn", CANCEL_ON_VALUES, failures);
            checkEnum(news, "ifFailures", POLICY_VALUES, failures);
            checkBoolean(news, "wait", failures);
            checkBoolean(news, "dryRun", failures);
            checkDuration(news, "timeout", failures);
            if (typeof news.timeout === "string" && !failures.list.some((f) => f.property === "timeout") && parseDuration(news.timeout, "timeout") === 0) {
                failures.add("timeout", `timeout must be longer than zero, such as "20m"`);
            }
            const mc = news.maxConcurrency;
            if (mc !== undefined && mc !== null && !isUnknown(mc) && !(typeof mc === "number" && Number.isInteger(mc) && mc >= 1 && mc <= MAX_CONCURRENCY)) {
                failures.add("maxConcurrency", `maxConcurrency must be a whole number from 1 to ${MAX_CONCURRENCY}; got ${JSON.stringify(mc)}`);
            }
            if (failures.list.length === 0 && !SCOPE_KEYS.some((k) => isUnknown(news[k]))) {
                failures.guardTarget(() => scope(news));
            }
            return failures.list.length ? { inputs: news, failures: failures.list } : { inputs: news };
        },

        async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
            if (SCOPE_KEYS.some((k) => isUnknown(news[k]))) return { changes: true, replaces: ["parent"], deleteBeforeReplace: false };
            const sc = scope(news);
            const replaces: string[] = [];
            if (sc.ref.name !== olds.parent) replaces.push("parent");
            if (sc.service !== (olds.service ?? null)) replaces.push("service");
            if (sc.endpoint !== olds.endpoint) replaces.push("endpoint");
            if (sc.apiVersion !== olds.apiVersion) replaces.push("apiVersion");
            const before = settingsOf(olds);
            const after = settingsOf(news);
            const changed = (Object.keys(after) as Array<keyof Settings>).filter((k) => isUnknown(news[k]) || JSON.stringify(after[k]) !== JSON.stringify(before[k]));
            const credentialsChanged = ["impersonateServiceAccount", "quotaProject", "universeDomain"].some((k) => (str(news, k) ?? null) !== (olds[k] ?? null));
            const retry = includesCreate(after.cancelOn) && unfinished(olds);
            return { changes: replaces.length > 0 || changed.length > 0 || credentialsChanged || retry, replaces, deleteBeforeReplace: false };
        },

        async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
            const sc = scope(inputs);
            const s = settingsOf(inputs);
            const id = `${sc.ref.name}/sweeps/${randomUUID()}`;
            if (!includesCreate(s.cancelOn)) {
                return { id, outs: outputs(inputs, sc, emptyStatus(`${sc.ref.name}: nothing swept yet; the sweep runs when the resource is deleted (cancelOn: "${s.cancelOn}")`)) };
            }
            return { id, outs: await sweepStep(id, inputs, sc) };
        },

        async read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
            const status = recordedStatus(props);
            if (status.stillRunning.length === 0) return { id, props };
            // Refresh re-reads only the operations the last sweep left running; it never lists again.
            const sc = scope(props, true);
            const still: string[] = [];
            const pool = new TaskPool(settingsOf(props).maxConcurrency);
            let readError: unknown;
            for (const name of status.stillRunning) {
                await pool.start(async () => {
                    try {
                        const operation = await sc.client.getOperation(name, { timeoutMs: 60_000 });
                        const outcome = sc.client.outcomeOf(name, operation, status.cancelRequested.includes(name));
                        if (!operation.done) still.push(name);
                        else if (outcome === "CANCELLED") status.cancelled.push(name);
                        else if (outcome === "ENDED") status.ended.push(name);
                        else status.alreadyDone.push(name);
                    } catch (err) {
                        if (err instanceof GoogleApiError && err.status === "NOT_FOUND") status.alreadyDone.push(name);
                        else readError ??= err;
                    }
                });
            }
            await pool.drain();
            if (readError) throw readError;
            const order = new Map(status.stillRunning.map((n, i) => [n, i]));
            still.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
            const settled = status.stillRunning.length - still.length;
            const counts = { ...status.counts, running: still.length, cancelled: status.cancelled.length, alreadyDone: status.alreadyDone.length, ended: status.ended.length };
            const message = `${sc.ref.name}: refreshed the ${status.stillRunning.length} operation(s) left running: ${settled} done since, ${still.length} still running`;
            return { id, props: { ...props, cancelled: status.cancelled, alreadyDone: status.alreadyDone, ended: status.ended, stillRunning: still, counts, message } };
        },

        async update(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
            const sc = scope(news);
            const before = settingsOf(olds);
            const after = settingsOf(news);
            const again = includesCreate(after.cancelOn) && (sweepKey(after) !== sweepKey(before) || unfinished(olds) || !includesCreate(before.cancelOn));
            // Operations an earlier sweep of this resource cancelled are confirmed, never cancelled twice.
            if (again) return { outs: await sweepStep(id, news, sc, recordedStatus(olds).cancelRequested) };
            return { outs: outputs(news, sc, recordedStatus(olds), { listFailed: olds.listFailed === true }) };
        },

        async delete(_id: string, props: Record<string, unknown>): Promise<void> {
            const s = settingsOf(props);
            if (!includesDelete(s.cancelOn)) return;
            const { problem } = await sweep(props, scope(props, true), recordedStatus(props).cancelRequested);
            if (problem) throw new Error(`${problem}. The resource stays in the stack; run \`pulumi destroy\` again to sweep again`);
        },
    };
}

function checkVerbs(news: Record<string, unknown>, failures: Failures): void {
    const verbs = news.verbs;
    if (verbs === undefined || verbs === null || isUnknown(verbs)) return;
    if (!Array.isArray(verbs) || verbs.length === 0) {
        failures.add("verbs", `verbs must be a non-empty list of verbs such as ["create", "update"], or be left out`);
        return;
    }
    verbs.forEach((v, i) => {
        if (!isUnknown(v) && (typeof v !== "string" || v.trim() === "")) failures.add("verbs", `verbs[${i}] must be a verb such as "create" or "delete"; got ${JSON.stringify(v)}`);
    });
}
