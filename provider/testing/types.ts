/**
 * Public types of the Operations API emulator.
 */
import type { RpcCodeName } from "../google/status";

/** The four REST methods of `google.longrunning.Operations` the emulator serves. */
export type Rpc = "get" | "cancel" | "list" | "delete";

/** Every RPC, in a stable order. */
export const RPCS: readonly Rpc[] = ["get", "cancel", "list", "delete"];

/** A scripted final error: `code` is a `google.rpc.Code` number or name. */
export interface ScriptedError {
    /** For `sqladmin` also any `sql#operationError` code string, e.g. `ERROR_RDBMS`. */
    code: number | RpcCodeName | (string & {});
    message: string;
    details?: Array<Record<string, unknown>>;
}

/** How a scripted operation ends when nothing cancels it. */
export type ScriptedResult = { response: Record<string, unknown> } | { error: ScriptedError };

/**
 * One operation the emulator serves, and how it behaves over time (wall-clock).
 */
export interface ScriptedOperation {
    /**
     * The full operation name in the service's own REST path form (docs/emulator.md, "Name forms"):
     * `projects/{p}/locations/{l}/operations/{id}` (google.longrunning services and GKE),
     * `projects/{p}/zones/{z}/operations/{id}` (zonal GKE), `projects/{p}/operations/{id}` (Cloud SQL,
     * Datastore), `projects/{p}/instances/{i}/databases/{d}/operations/{id}` (Spanner), ...
     */
    name: string;
    /**
     * The service that owns it (`clouddeploy`, `gkemulticloud`, `container`, `sqladmin`, `spanner`, or any
     * other); default `clouddeploy`, or the one service whose name form `name` has (e.g. `container` for
     * a `zones` name, `spanner` for an `instances` name). `container` and `sqladmin` answer in their
     * own operation shapes (`google.container.v1.Operation`, `sql#operation`), every other service in
     * `google.longrunning.Operation`.
     */
    service?: string;
    /** GKE and Cloud SQL: `operationType`; default `UPGRADE_NODES` (GKE), `IMPORT` (Cloud SQL). */
    operationType?: string;
    /** GKE and Cloud SQL: `targetLink`; default a cluster (GKE) or the `targetId` instance (Cloud SQL) under the project. */
    targetLink?: string;
    /** Cloud SQL: `targetId`, the instance the operation runs on (what `?instance=` lists by); default `instance-1`. */
    targetId?: string;
    /** Cloud SQL: `user`; default `user@example.com`. */
    user?: string;
    /** GKE and Cloud SQL: fields merged over the service-shaped operation (e.g. `importContext`, `progress`, `clusterConditions`). */
    fields?: Record<string, unknown>;
    /** Fields merged over the service-shaped metadata (after the emulator's own fields). */
    metadata?: Record<string, unknown>;
    /** `metadata.target`; default a resource of the service under the project's number. */
    target?: string;
    /** `metadata.verb`; default `create`. */
    verb?: string;
    /** `metadata.createTime` (RFC 3339); default the time it was added. */
    createTime?: string;
    /** Milliseconds after it was added when it finishes by itself; null/undefined: runs until cancelled. */
    doneAfterMs?: number | null;
    /** The scripted outcome; default a `response` shaped like the service's. */
    result?: ScriptedResult;
    /** Whether a cancel is honoured (ends it with CANCELLED) or ignored (only flags it); default `honour`. */
    cancel?: "honour" | "ignore";
    /** Milliseconds between an honoured cancel and the operation being done (GKE shows `ABORTING` meanwhile); default 0. */
    cancelTakesMs?: number;
    /** Answer to a cancel once done: `ok` (`{}`) or `failed-precondition` (400); default: the service's (docs/emulator.md). */
    afterDoneCancel?: "ok" | "failed-precondition";
    /**
     * Which final errors are copied into `metadata.errorDetail` (gkemulticloud-shaped metadata): `never`,
     * `failure` (not cancellation) or `always`; default: the service's (`failure` for gkemulticloud).
     */
    errorDetail?: "never" | "failure" | "always";
    /** When true, cancel answers 501 UNIMPLEMENTED. */
    unimplemented?: boolean;
    /** RPCs that answer 403 PERMISSION_DENIED (`{service}.operations.{verb}`). */
    denied?: Rpc[];
    /** When set, the operation exists only for requests whose `Host` hostname equals it (regional endpoints). */
    host?: string;
}

/** An answer an injected fault gives instead of (or before) the normal one. */
export type Fault =
    | {
          kind: "status";
          /** The `google.rpc.Code` name answered (HTTP status from the canonical mapping). */
          code: RpcCodeName;
          /** Default: a message like Google's for that code. */
          message?: string;
          /** Sends a `Retry-After` header. */
          retryAfterSeconds?: number;
          /** Adds a `google.rpc.RetryInfo` detail, e.g. `"2s"` or `"0.500s"`. */
          retryDelay?: string;
      }
    /** Destroys the connection before answering. */
    | { kind: "reset" }
    /** Waits, then answers normally. */
    | { kind: "delay"; ms: number }
    /** Never answers (until the client gives up or the emulator stops). */
    | { kind: "hang" }
    /** A body a proxy might send: an HTML error page, nothing, or JSON cut short. */
    | { kind: "nonJson"; status?: number; body: "html" | "empty" | "truncated" }
    | { kind: "redirect"; status?: 301 | 302 | 303 | 307 | 308; location: string }
    /** In a `sequence`: let this request through untouched. */
    | { kind: "none" };

/** What a fault rule applies to; every given field must match. */
export interface FaultMatch {
    rpc?: Rpc;
    /** Full operation name (for list: the parent `projects/*\/locations/*`). */
    operation?: string;
    /** The request's `Host` hostname. */
    host?: string;
}

/**
 * A fault-injection rule. With `sequence`, each matching request consumes the next fault until the
 * sequence is used up. Otherwise `fault` is injected into matching requests, with probability `rate`
 * (seeded PRNG, so runs repeat) and at most `times` times.
 */
export interface FaultRule {
    match?: FaultMatch;
    sequence?: Fault[];
    fault?: Fault;
    rate?: number;
    times?: number;
}

/** The seed file format: tokens, operations and faults the emulator starts with. */
export interface EmulatorSeed {
    tokens?: string[];
    /** Per-service behaviour overriding the built-in defaults (operations can override it again). */
    serviceDefaults?: Record<string, ServiceDefaults>;
    operations: ScriptedOperation[];
    faults?: FaultRule[];
}

/** Behaviour of a service where Google's contract leaves it open; see docs/emulator.md. */
export interface ServiceDefaults {
    afterDoneCancel?: "ok" | "failed-precondition";
    errorDetail?: "never" | "failure" | "always";
}

/** Options of {@link OperationsEmulator}. */
export interface EmulatorOptions {
    /** Listening address; default `127.0.0.1`. */
    host?: string;
    /** Listening port; default 0 (any free port). */
    port?: number;
    /** Accepted bearer tokens; default `["emulator-token"]`; `[]` accepts any non-empty bearer token. */
    tokens?: string[];
    /** HTTPS: `true` uses the built-in test certificate (see `tlsFixture`), or give a key and certificate. */
    tls?: boolean | { key: string | Buffer; cert: string | Buffer };
    /** Operations and faults to start with (its `tokens` apply when `tokens` is not given). */
    seed?: EmulatorSeed;
    /** Page size when the request gives none (or 0); default 50. */
    defaultPageSize?: number;
    /** Larger page sizes are capped to this; default 100. */
    maxPageSize?: number;
    /** Services whose CancelOperation answers 501 UNIMPLEMENTED. */
    unimplementedServices?: string[];
    /**
     * Service assumed for a request whose host (`us-west1-gkemulticloud.googleapis.com`) and path
     * (`/gkemulticloud/v1/...`) name none, e.g. on a loopback host, when it names no known operation;
     * default `clouddeploy`.
     */
    defaultService?: string;
    /** Per-service behaviour overriding the built-in defaults and the seed's (operations can override it again). */
    serviceDefaults?: Record<string, ServiceDefaults>;
    /** Seed of the PRNG used by fault `rate`s; default 1. */
    randomSeed?: number;
}

/** One request the emulator received (it is a test server: everything is recorded, tokens included). */
export interface RequestLogEntry {
    /** 1-based arrival order. */
    seq: number;
    /** Arrival time, epoch milliseconds. */
    at: number;
    method: string;
    /** The raw request target (path and query). */
    url: string;
    /** The RPC the path routed to, if any. */
    rpc?: Rpc;
    /** The service the request addressed, from its host or a leading path segment; undefined on a loopback host. */
    service?: string;
    /** The operation name (for list: the parent collection). */
    operation?: string;
    /** The `Host` header as received. */
    host: string;
    /** The `Host` header without port. */
    hostname: string;
    /** TLS SNI server name, when over TLS. */
    servername?: string;
    /** The bearer token, when one was sent. */
    token?: string;
    userProject?: string;
    userAgent?: string;
    /** `x-goog-api-client`. */
    apiClient?: string;
    contentType?: string;
    body: string;
    /** HTTP status answered; undefined while pending, or when the connection was reset or hung. */
    status?: number;
    /** The kind of the fault injected into this request, if any. */
    fault?: Fault["kind"];
}

/** Which log entries {@link OperationsEmulator.count} counts; every given field must match. */
export interface RequestFilter {
    rpc?: Rpc;
    operation?: string;
    /** Matches the `Host` hostname (or the full header). */
    host?: string;
}
