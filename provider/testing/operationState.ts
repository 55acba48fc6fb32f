/**
 * The life of one scripted operation over wall-clock time: running, then done by itself or by an
 * honoured cancel, whichever comes first; answered in its service's wire shape.
 */
import { isRpcCodeName, rpcCodeNumber } from "../google/status";
import type { Operation, RpcStatus } from "../google/types";
import { containerOperation } from "./containerShape";
import { canonicalName, NAME_TEMPLATES, parseName, patternsOf, templatesForName, type ParsedName } from "./nameTemplates";
import { buildMetadata, defaultResponse, defaultTarget, serviceBehaviour, type ServiceBehaviour } from "./serviceShapes";
import { sqlOperation } from "./sqlShape";
import type { ScriptedOperation } from "./types";

/** The error a cancelled operation ends with (`google.rpc.Code.CANCELLED`). */
export const CANCELLED_ERROR: RpcStatus = { code: 1, message: "Operation was cancelled." };

/** What a cancel request did. */
export type CancelEffect = "accepted" | "already-done";

/** The wire shape an operation is answered in. */
export type WireShape = "longrunning" | "container" | "sqladmin";

/** The wire shape of a service's operations. */
export function shapeOfService(service: string): WireShape {
    return service === "container" || service === "sqladmin" ? service : "longrunning";
}

/** Where an operation is in its life at some instant. */
export interface Phase {
    /** `RUNNING`; `ABORTING` between an honoured cancel and its effect; `DONE`. */
    status: "RUNNING" | "ABORTING" | "DONE";
    /** When it finished (epoch ms), once done. */
    endedAt?: number;
    /** Done because of a cancel. */
    cancelled: boolean;
    /** The final error (cancellation or the scripted failure), once done. */
    error?: RpcStatus;
    /** Epoch ms of the first cancel request, if one arrived by then. */
    cancelRequestedAt?: number;
}

/** Request facts that change how an operation is written (Cloud SQL's links follow the API version). */
export interface WireContext {
    version?: string;
}

/** The service an operation belongs to: its own, else `clouddeploy` when a google.longrunning form fits, else the one service whose form it has. */
export function serviceOfScript(script: Pick<ScriptedOperation, "name" | "service">): string | undefined {
    if (script.service !== undefined) return script.service;
    const templates = templatesForName(script.name.split("/"));
    if (templates.length === 0) return undefined;
    if (templates.some((t) => t.services === undefined)) return "clouddeploy";
    const services = [...new Set(templates.flatMap((t) => t.services ?? []))];
    return services.length === 1 ? services[0] : undefined;
}

/** Why a name cannot be an operation of a service, or undefined when it can. */
export function nameProblem(name: string, service: string | undefined): string | undefined {
    if (service === undefined) {
        const all = [...new Set(NAME_TEMPLATES.map((t) => t.pattern))];
        const fitting = templatesForName(name.split("/"));
        if (fitting.length === 0) return `must look like one of ${all.join(", ")} (each * one segment), got ${JSON.stringify(name)}`;
        return `fits the forms of several services (${[...new Set(fitting.flatMap((t) => t.services ?? []))].join(", ")}): give "service", got ${JSON.stringify(name)}`;
    }
    if (parseName(name, service)) return undefined;
    return `must look like ${patternsOf(service).join(" or ")} for service ${JSON.stringify(service)} (each * one segment), got ${JSON.stringify(name)}`;
}

/** A scripted operation and its timeline. */
export class OperationState {
    /** Insertion order, used for listing and page tokens. */
    readonly seq: number;
    readonly script: ScriptedOperation;
    readonly service: string;
    readonly shape: WireShape;
    readonly project: string;
    /** The location (or zone) segment, when the name has one; "" otherwise. */
    readonly location: string;
    /** The name operations are stored and found under (GKE's `zones` form becomes `locations`). */
    readonly key: string;
    readonly parsed: ParsedName;
    readonly addedAt: number;
    readonly createTime: string;
    private readonly target: string;
    private readonly verb: string;
    /** The service's behaviour with this operation's own overrides applied. */
    readonly behaviour: ServiceBehaviour;
    private cancelRequestedAt?: number;
    /** When an honoured cancel takes effect. */
    private cancelEffectiveAt?: number;

    constructor(script: ScriptedOperation, seq: number, now: number, serviceDefaults?: Record<string, Partial<ServiceBehaviour>>) {
        const service = serviceOfScript(script);
        const problem = nameProblem(script.name, service);
        const parsed = service === undefined ? undefined : parseName(script.name, service);
        if (problem || !parsed || service === undefined) throw new Error(`Operation name ${problem ?? "is not valid"}`);
        this.seq = seq;
        this.script = script;
        this.service = service;
        this.shape = shapeOfService(service);
        this.parsed = parsed;
        this.project = parsed.project;
        this.location = parsed.vars.locations ?? parsed.vars.zones ?? "";
        this.key = canonicalName(script.name);
        this.addedAt = now;
        this.createTime = script.createTime ?? new Date(now).toISOString();
        this.target = script.target ?? defaultTarget(this.service, { project: parsed.project, location: this.location || "global", id: parsed.id });
        this.verb = script.verb ?? "create";
        const base = serviceBehaviour(this.service, serviceDefaults);
        this.behaviour = {
            afterDoneCancel: script.afterDoneCancel ?? base.afterDoneCancel,
            errorDetail: script.errorDetail ?? base.errorDetail,
        };
    }

    get name(): string {
        return this.script.name;
    }

    /** The parent collection, e.g. `projects/{p}/locations/{l}` (GKE: always the `locations` form). */
    get parent(): string {
        return canonicalName(`${this.parsed.parent}/operations/x`).split("/").slice(0, -2).join("/");
    }

    /** When the operation finishes, with how, or undefined while it can still run forever. */
    private ending(): { at: number; cancelled: boolean } | undefined {
        const natural = this.script.doneAfterMs == null ? undefined : this.addedAt + this.script.doneAfterMs;
        const cancel = this.cancelEffectiveAt;
        if (natural === undefined && cancel === undefined) return undefined;
        if (cancel === undefined || (natural !== undefined && natural <= cancel)) return { at: natural as number, cancelled: false };
        return { at: cancel, cancelled: true };
    }

    /** True once done at `now`. */
    isDone(now: number): boolean {
        const end = this.ending();
        return end !== undefined && now >= end.at;
    }

    /** True when done because of a cancel. */
    wasCancelled(now: number): boolean {
        const end = this.ending();
        return end !== undefined && now >= end.at && end.cancelled;
    }

    /** Records a cancel request (the caller has already ruled out denial and UNIMPLEMENTED). */
    requestCancel(now: number): CancelEffect {
        if (this.isDone(now)) return "already-done";
        if (this.cancelRequestedAt === undefined) {
            this.cancelRequestedAt = now;
            if ((this.script.cancel ?? "honour") === "honour") this.cancelEffectiveAt = now + (this.script.cancelTakesMs ?? 0);
        }
        return "accepted";
    }

    /** The scripted failure, if any. */
    finalError(): RpcStatus | undefined {
        const result = this.script.result;
        if (!result || !("error" in result)) return undefined;
        const { code, message, details } = result.error;
        const numeric = typeof code === "number" ? code : isRpcCodeName(code) ? rpcCodeNumber(code) : 2;
        return { code: numeric, message, ...(details && details.length > 0 ? { details } : {}) };
    }

    /** Where the operation is at `now`. */
    phase(now: number): Phase {
        const end = this.ending();
        const requested = this.cancelRequestedAt !== undefined && this.cancelRequestedAt <= now ? this.cancelRequestedAt : undefined;
        if (end !== undefined && now >= end.at) {
            return { status: "DONE", endedAt: end.at, cancelled: end.cancelled, error: end.cancelled ? { ...CANCELLED_ERROR } : this.finalError(), cancelRequestedAt: requested };
        }
        const aborting = this.cancelEffectiveAt !== undefined && requested !== undefined;
        return { status: aborting ? "ABORTING" : "RUNNING", cancelled: false, cancelRequestedAt: requested };
    }

    /** The operation as its service's get method answers it at `now`. */
    toWire(now: number, context: WireContext = {}): Record<string, unknown> {
        if (this.shape === "container") return containerOperation(this, this.phase(now));
        if (this.shape === "sqladmin") return sqlOperation(this, this.phase(now), context.version ?? "v1");
        return this.toLongrunning(now) as unknown as Record<string, unknown>;
    }

    /** The operation as `google.longrunning.Operations.GetOperation` answers it at `now`. */
    toLongrunning(now: number): Operation {
        const p = this.phase(now);
        const done = p.status === "DONE";
        let response: Record<string, unknown> | undefined;
        if (done && !p.error) {
            const result = this.script.result;
            response = result && "response" in result ? result.response : defaultResponse(this.service, this.target, this.verb);
        }
        const metadata = {
            ...buildMetadata(this.service, {
                createTime: this.createTime,
                endTime: p.endedAt !== undefined ? new Date(p.endedAt).toISOString() : undefined,
                target: this.target,
                verb: this.verb,
                cancelRequested: p.cancelRequestedAt !== undefined,
                errorMessage: this.behaviour.errorDetail === "always" || (this.behaviour.errorDetail === "failure" && !p.cancelled) ? p.error?.message : undefined,
            }),
            ...(this.script.metadata ?? {}),
        };
        const op: Operation = { name: this.name, metadata };
        if (done) op.done = true;
        if (p.error) op.error = p.error;
        else if (response) op.response = response;
        return op;
    }

    /** The value of a filterable field at `now`. */
    field(path: "done" | "metadata.target" | "metadata.verb", now: number): string | boolean {
        if (path === "done") return this.isDone(now);
        const metadata = this.toLongrunning(now).metadata ?? {};
        const value = metadata[path === "metadata.target" ? "target" : "verb"];
        return typeof value === "string" ? value : "";
    }
}
