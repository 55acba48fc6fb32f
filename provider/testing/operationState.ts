/**
 * The life of one scripted operation over wall-clock time: running, then done by itself or by an
 * honoured cancel, whichever comes first.
 */
import { isRpcCodeName, rpcCodeNumber } from "../google/status";
import type { Operation, RpcStatus } from "../google/types";
import { buildMetadata, defaultResponse, defaultTarget, parseOperationName, serviceBehaviour, type ServiceBehaviour } from "./serviceShapes";
import type { ScriptedOperation } from "./types";

/** The error a cancelled operation ends with (`google.rpc.Code.CANCELLED`). */
export const CANCELLED_ERROR: RpcStatus = { code: 1, message: "Operation was cancelled." };

/** What a cancel request did. */
export type CancelEffect = "accepted" | "already-done";

/** A scripted operation and its timeline. */
export class OperationState {
    /** Insertion order, used for listing and page tokens. */
    readonly seq: number;
    readonly script: ScriptedOperation;
    readonly service: string;
    readonly project: string;
    readonly location: string;
    private readonly addedAt: number;
    private readonly createTime: string;
    private readonly target: string;
    private readonly verb: string;
    /** The service's behaviour with this operation's own overrides applied. */
    readonly behaviour: ServiceBehaviour;
    private cancelRequestedAt?: number;
    /** When an honoured cancel takes effect. */
    private cancelEffectiveAt?: number;

    constructor(script: ScriptedOperation, seq: number, now: number, serviceDefaults?: Record<string, Partial<ServiceBehaviour>>) {
        const parts = parseOperationName(script.name);
        if (!parts) throw new Error(`Operation name must look like projects/*/locations/*/operations/*: ${script.name}`);
        this.seq = seq;
        this.script = script;
        this.service = script.service ?? "clouddeploy";
        this.project = parts.project;
        this.location = parts.location;
        this.addedAt = now;
        this.createTime = script.createTime ?? new Date(now).toISOString();
        this.target = script.target ?? defaultTarget(this.service, parts);
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

    /** The parent collection, `projects/{p}/locations/{l}`. */
    get parent(): string {
        return `projects/${this.project}/locations/${this.location}`;
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

    private finalError(): RpcStatus | undefined {
        const result = this.script.result;
        if (!result || !("error" in result)) return undefined;
        const { code, message, details } = result.error;
        const numeric = typeof code === "number" ? code : isRpcCodeName(code) ? rpcCodeNumber(code) : 2;
        return { code: numeric, message, ...(details && details.length > 0 ? { details } : {}) };
    }

    /** The operation as `GetOperation` answers it at `now`. */
    toWire(now: number): Operation {
        const end = this.ending();
        const done = end !== undefined && now >= end.at;
        let error: RpcStatus | undefined;
        let response: Record<string, unknown> | undefined;
        if (done && end) {
            if (end.cancelled) {
                error = { ...CANCELLED_ERROR };
            } else {
                error = this.finalError();
                if (!error) {
                    const result = this.script.result;
                    response = result && "response" in result ? result.response : defaultResponse(this.service, this.target, this.verb);
                }
            }
        }
        const metadata = {
            ...buildMetadata(this.service, {
                createTime: this.createTime,
                endTime: done && end ? new Date(end.at).toISOString() : undefined,
                target: this.target,
                verb: this.verb,
                cancelRequested: this.cancelRequestedAt !== undefined && this.cancelRequestedAt <= now,
                errorMessage: this.behaviour.errorDetail === "always" || (this.behaviour.errorDetail === "failure" && !end?.cancelled) ? error?.message : undefined,
            }),
            ...(this.script.metadata ?? {}),
        };
        const op: Operation = { name: this.name, metadata };
        if (done) op.done = true;
        if (error) op.error = error;
        else if (response) op.response = response;
        return op;
    }

    /** The value of a filterable field at `now`. */
    field(path: "done" | "metadata.target" | "metadata.verb", now: number): string | boolean {
        if (path === "done") return this.isDone(now);
        const metadata = this.toWire(now).metadata ?? {};
        const value = metadata[path === "metadata.target" ? "target" : "verb"];
        return typeof value === "string" ? value : "";
    }
}
