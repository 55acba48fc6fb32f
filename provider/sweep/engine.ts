import type { OperationsClient } from "../google/client";
import { DeadlineExceededError, GoogleApiError, InvalidOptionError, OperationsError } from "../google/errors";
import { parseOperationName, quoteInput, withParentEndpoint, type OperationRef, type ParentRef } from "../google/names";
import type { ListOperationsResponse, Operation } from "../google/types";
import { TaskPool } from "./pool";
import { compileSelection } from "./selection";
import { bucketOf, emptyCounts } from "./summary";
import type { CancelDelivery, SweepEvent, SweepItem, SweepOptions, SweepResult } from "./types";

const DEFAULT_TIMEOUT_MS = 20 * 60_000;
const DEFAULT_CONCURRENCY = 8;
/** The most cancels a sweep keeps in flight at once. */
export const MAX_CONCURRENCY = 64;
const DEFAULT_PAGE_SIZE = 100;
/** Deadline of one ListOperations page call, retries included (never past the sweep's deadline). */
const LIST_CALL_TIMEOUT_MS = 60_000;
const THROTTLE_WATCH_MS = 200;
/**
 * Within this much of its deadline a sweep takes the deadline as passed: no request could be sent, answered
 * and confirmed in less, and a call that its timer ended can return while Date.now() still reads a little
 * short of the deadline (timers run on a clock that can be behind; seen under load), which would otherwise
 * start more cancels with no time left.
 */
const DEADLINE_MARGIN_MS = 50;

/**
 * ListOperations failed part-way: no further page can be read. `partial` holds what the sweep did
 * before (operations from earlier pages were still cancelled and confirmed).
 */
export class SweepListError extends OperationsError {
    constructor(
        message: string,
        /** The sweep up to the failure. */
        public readonly partial: SweepResult,
        cause: unknown,
    ) {
        super("ERR_SWEEP_LIST", message, { cause });
    }
}

function validateOptions(options: SweepOptions): { timeoutMs: number; maxConcurrency: number; pageSize: number } {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new InvalidOptionError("timeoutMs", "timeoutMs must be a positive number of milliseconds");
    const maxConcurrency = options.maxConcurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY) {
        throw new InvalidOptionError("maxConcurrency", `maxConcurrency must be an integer from 1 to ${MAX_CONCURRENCY}; got ${String(maxConcurrency)}`);
    }
    if (options.retainItems !== undefined && options.retainItems !== "all" && options.retainItems !== "unresolved") {
        throw new InvalidOptionError("retainItems", `retainItems must be "all" or "unresolved"; got ${JSON.stringify(options.retainItems)}`);
    }
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new InvalidOptionError("pageSize", "pageSize must be a positive integer");
    return { timeoutMs, maxConcurrency, pageSize };
}

function itemBase(operation: Operation): Pick<SweepItem, "name" | "target" | "verb" | "createTime"> {
    const metadata = operation.metadata ?? {};
    const pick = (key: string) => (typeof metadata[key] === "string" ? { [key]: metadata[key] as string } : {});
    return { name: operation.name, ...pick("target"), ...pick("verb"), ...pick("createTime") };
}

/**
 * The listed operation as the sweep may touch it, or why it may not: its name must be a valid operation
 * name that is a child of the swept parent, and its requests must go to the very endpoint resolved for
 * the parent (the service, host and API version the parent was given with carry over to it). Nothing is
 * read or cancelled otherwise: a server's answer never sends a request (or the token) anywhere else.
 */
function scopedRef(client: OperationsClient, operation: Operation, parent: ParentRef, parentBaseUrl: string): { ref: OperationRef } | { refusal: string } {
    const name = operation.name;
    let parsed: OperationRef;
    try {
        parsed = parseOperationName(name, "operation");
    } catch (err) {
        return { refusal: `ListOperations answered an operation name that is not valid (${err instanceof Error ? err.message : String(err)}); it was not read or cancelled` };
    }
    if (parsed.name !== name || !client.belongsTo(parsed, operation, parent)) {
        const numberHint = /^\d+$/.test(parsed.project) && parsed.project !== parent.project
            ? `; if ${parsed.project} is the number of project ${parent.project}, sweep ${parent.name.replace(`projects/${parent.project}`, `projects/${parsed.project}`)} instead`
            : "";
        return {
            refusal: `ListOperations of ${parent.name} answered ${quoteInput(name)}, which is not an operation of ${parent.name}; out of the sweep's scope, it was not read or cancelled${numberHint}`,
        };
    }
    const ref = withParentEndpoint(parsed, parent);
    let baseUrl: string;
    try {
        baseUrl = client.resolveOperation(ref).endpoint.baseUrl;
    } catch (err) {
        return { refusal: `${name} cannot be reached like ${parent.name}: ${err instanceof Error ? err.message : String(err)}; it was not read or cancelled` };
    }
    if (baseUrl !== parentBaseUrl) {
        return {
            refusal: `${name} is served by ${baseUrl}, not by ${parentBaseUrl} where ${parent.name} was listed; out of the sweep's scope (requests and credentials go only to the parent's endpoint), it was not read or cancelled. Sweep ${parsed.parent} for it`,
        };
    }
    return { ref };
}

function errorOf(err: unknown): NonNullable<SweepItem["error"]> {
    if (err instanceof GoogleApiError) return { message: err.message, httpStatus: err.httpStatus, status: err.status };
    if (err instanceof OperationsError && err.code === "ERR_DEADLINE_EXCEEDED") return { message: err.message, status: "DEADLINE_EXCEEDED" };
    if (err instanceof OperationsError && err.code === "ERR_ABORTED") return { message: err.message, status: "ABORTED" };
    return { message: err instanceof Error ? err.message : String(err) };
}

/**
 * Cancels every running operation under a parent that the selection takes.
 *
 * Pages of ListOperations are read one at a time, the next one requested as soon as the current one
 * arrives (so the workers never wait at a page boundary), and no further one until the current page's
 * items have all started: memory holds at most two pages plus one small {@link SweepItem} per match, never
 * the operations themselves. Each match goes
 * through `client.cancelAndConfirm` with at most `maxConcurrency` in flight; all of them share the
 * client's one backoff, so a 429 slows the whole sweep down. An item that fails is recorded with its error
 * and the others go on. A dry run sends list requests only.
 *
 * The sweep never leaves its scope: a listed operation whose name is not a child of the parent (another
 * project or location, an invalid name), or whose requests would go to another endpoint than the
 * parent's (a regional service listed under `locations/-`), is never read or cancelled; it is recorded
 * as an `ERROR` item with status `OUT_OF_SCOPE`. The listing and every cancel end by the sweep's deadline.
 *
 * @param client - The client (and so the one backoff) every request of the sweep goes through.
 * @param options - Parent, selection, deadline and concurrency.
 * @returns What happened to every match, with counts.
 * @throws InvalidOptionError / InvalidNameError for bad options (before any request);
 *   {@link SweepListError} when a ListOperations call fails (with the partial result).
 */
export async function sweepOperations(client: OperationsClient, options: SweepOptions): Promise<SweepResult> {
    const { timeoutMs, maxConcurrency, pageSize } = validateOptions(options);
    const { ref, endpoint } = client.resolveParent(options.parent);
    const selection = options.selection ?? {};
    const select = compileSelection(selection, ref);
    const started = Date.now();
    const deadline = started + timeoutMs;
    const requestsBefore = client.requestCount;
    const dryRun = options.dryRun === true;
    const emit = (event: SweepEvent) => {
        try {
            options.onEvent?.(event);
        } catch {
            // A broken progress sink must not break the sweep.
        }
    };

    const counts = emptyCounts();
    const items: SweepItem[] = [];
    const seen = new Set<string>();
    let completed = 0;
    let complete = true;
    let stoppedBy: SweepResult["stoppedBy"];
    const keepAll = options.retainItems !== "unresolved";
    const record = (item: SweepItem) => {
        const bucket = bucketOf(item.outcome);
        if (keepAll || bucket === "running" || bucket === "failed") items.push(item);
        counts[bucket]++;
        completed++;
        emit({ kind: "item", item, completed, matched: counts.matched });
    };
    const stopReason = (): SweepResult["stoppedBy"] => (options.signal?.aborted ? "signal" : Date.now() >= deadline - DEADLINE_MARGIN_MS ? "deadline" : undefined);

    let lastThrottleEnd = 0;
    const watchThrottle = () => {
        const remaining = options.backoff?.remaining() ?? 0;
        const endsAt = Date.now() + remaining;
        // One event per closing of the gate, not one per tick while it stays closed.
        if (remaining > 0 && endsAt > lastThrottleEnd + THROTTLE_WATCH_MS) emit({ kind: "throttled", delayMs: remaining });
        if (remaining > 0) lastThrottleEnd = Math.max(lastThrottleEnd, endsAt);
    };
    const watcher = options.backoff ? setInterval(watchThrottle, THROTTLE_WATCH_MS) : undefined;
    watcher?.unref();

    const pool = new TaskPool(maxConcurrency);
    const cancelOne = async (operation: Operation, target: OperationRef): Promise<void> => {
        const base = itemBase(operation);
        if (stopReason()) {
            // Matched but reached after the deadline (or the abort): left alone, still running.
            record({ ...base, outcome: "RUNNING", cancelSent: false, cancel: "not-sent" });
            return;
        }
        // Set by the callbacks below (TypeScript cannot see those assignments, hence the cast).
        let delivery = "not-sent" as CancelDelivery;
        try {
            const result = await client.cancelAndConfirm(target, {
                wait: options.wait !== false,
                timeoutMs: Math.max(1, deadline - Date.now()),
                ...(options.signal ? { signal: options.signal } : {}),
                ...(options.alreadyRequested?.has(target.name) ? { sendCancel: false } : {}),
                onCancelSending: () => {
                    delivery = "unknown";
                },
                onCancelAccepted: () => {
                    delivery = "sent";
                },
            });
            record({
                ...base,
                outcome: result.outcome,
                cancelSent: result.cancelSent,
                // Written and answered with a refusal (an HTTP error) is not sent.
                cancel: result.cancelSent ? "sent" : "not-sent",
                ...(result.error ? { error: errorOf(result.error) } : result.outcome === "NOT_FOUND" ? { error: { message: result.message, httpStatus: 404, status: "NOT_FOUND" } } : {}),
            });
        } catch (err) {
            // After the POST was written, an answer from the server (a refusal) means not sent; no answer
            // (network error, deadline, interrupt) leaves it unknown; an accepted cancel stays sent.
            const cancel: CancelDelivery = delivery === "unknown" && err instanceof GoogleApiError ? "not-sent" : delivery;
            record({ ...base, outcome: "ERROR", cancelSent: cancel === "sent", cancel, error: errorOf(err) });
        }
    };

    const result = (): SweepResult => ({
        parent: ref.name,
        dryRun,
        counts: { ...counts },
        items,
        requests: client.requestCount - requestsBefore,
        elapsedMs: Date.now() - started,
        complete,
        ...(stoppedBy ? { stoppedBy } : {}),
    });

    let pages = 0;
    try {
        const listOptions = {
            pageSize,
            // The listing ends by the sweep's deadline; one page's call by at most a minute.
            timeoutMs: Math.max(1, deadline - Date.now()),
            pageTimeoutMs: LIST_CALL_TIMEOUT_MS,
            ...(selection.filter ? { filter: selection.filter } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
        };
        const pagesIterator = client.listOperationPages(ref, listOptions);
        let prefetched: Promise<IteratorResult<ListOperationsResponse>> | undefined;
        for (;;) {
            let next: IteratorResult<ListOperationsResponse>;
            try {
                next = await (prefetched ?? pagesIterator.next());
                prefetched = undefined;
            } catch (err) {
                await pool.drain();
                // The listing's deadline is the sweep's: when it ends the listing, the sweep stopped and the
                // list did not fail, even if a timer fired a millisecond before Date.now() reached it.
                const listingDeadline = err instanceof DeadlineExceededError && err.listingDeadline;
                stoppedBy = stopReason() ?? (listingDeadline ? "deadline" : undefined);
                complete = false;
                if (stoppedBy === "deadline" && listingDeadline) break;
                const why = err instanceof Error ? err.message : String(err);
                throw new SweepListError(
                    pages === 0
                        ? `sweep of ${ref.name} could not list operations: ${why}`
                        : `sweep of ${ref.name} stopped: ListOperations failed after ${pages} page(s) (${completed} of ${counts.matched} matched operations handled): ${why}`,
                    result(),
                    err,
                );
            }
            if (next.done) break;
            pages++;
            const page = next.value;
            // The next page is requested now, while this one's items are started: the slots never wait
            // for a list call at a page boundary. At most two pages are held at once.
            if (page.nextPageToken) {
                prefetched = pagesIterator.next();
                // Its failure is handled where it is awaited (the next turn of the loop).
                prefetched.catch(() => undefined);
            }
            const now = Date.now();
            for (const operation of page.operations ?? []) {
                counts.listed++;
                if (typeof operation?.name !== "string" || seen.has(operation.name) || !select(operation, now)) continue;
                // Guards against a page that repeats an operation; kept only with the items (it grows as they do).
                if (keepAll) seen.add(operation.name);
                counts.matched++;
                const scoped = scopedRef(client, operation, ref, endpoint.baseUrl);
                if ("refusal" in scoped) {
                    record({ ...itemBase(operation), outcome: "ERROR", cancelSent: false, error: { message: scoped.refusal, status: "OUT_OF_SCOPE" }, cancel: "not-sent" });
                    continue;
                }
                if (dryRun) {
                    record({ ...itemBase(operation), outcome: "SKIPPED", cancelSent: false, cancel: "not-sent" });
                    continue;
                }
                await pool.start(() => cancelOne(operation, scoped.ref));
            }
            emit({ kind: "page", listed: counts.listed, matched: counts.matched });
            stoppedBy = stopReason();
            if (stoppedBy) {
                if (page.nextPageToken) complete = false;
                await pagesIterator.return(undefined);
                break;
            }
        }
        await pool.drain();
        // A deadline or an abort while the last page's cancels were in flight stopped the sweep too.
        stoppedBy ??= stopReason();
        return result();
    } finally {
        if (watcher) clearInterval(watcher);
    }
}
