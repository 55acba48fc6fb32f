/**
 * A real HTTP(S) server speaking Google's long-running Operations REST wire format, with scripted
 * operations, fault injection and a request log, for tests, demos and benchmarks.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { ListOperationsResponse, Operation } from "../google/types";
import { FaultInjector } from "./faults";
import { FilterError, matches, parseFilter, type Restriction } from "./filter";
import {
    credentialsInvalid,
    credentialsMissing,
    defaultMessage,
    errorInfo,
    googleError,
    htmlBadRequest,
    htmlNotFound,
    htmlServerError,
    invalidArgument,
    JSON_CONTENT_TYPE,
    permissionDenied,
    retryInfo,
    serialize,
    type ErrorDetail,
    type HttpAnswer,
} from "./googleErrors";
import { containerAlreadyDoneMessage, containerNotFoundMessage } from "./containerShape";
import { canonicalName, parentMatches } from "./nameTemplates";
import { OperationState, shapeOfService, type WireShape } from "./operationState";
import { SQL_ALREADY_DONE, SQL_NOT_FOUND, sqlErrorBody } from "./sqlShape";
import { decodePageToken, encodePageToken } from "./pageToken";
import { route, type Route } from "./routes";
import { validateFaultRule, validateOperation, validateServiceDefaults } from "./seed";
import { TEST_SERVER_CERT, TEST_SERVER_KEY } from "./tlsFixture";
import type { EmulatorOptions, Fault, FaultRule, RequestFilter, RequestLogEntry, Rpc, ScriptedOperation, ServiceDefaults } from "./types";

/** The bearer token accepted when no `tokens` option is given. */
export const DEFAULT_TOKEN = "emulator-token";

const METHOD_NAMES: Record<Rpc, string> = {
    get: "google.longrunning.Operations.GetOperation",
    cancel: "google.longrunning.Operations.CancelOperation",
    list: "google.longrunning.Operations.ListOperations",
    delete: "google.longrunning.Operations.DeleteOperation",
};

// Standard system parameters (https://cloud.google.com/apis/docs/system-parameters) accepted on every method.
const SYSTEM_PARAMS = new Set(["alt", "$alt", "prettyPrint", "$prettyPrint", "fields", "$fields", "key", "quotaUser", "$quotaUser", "$.xgafv", "callback", "$callback", "access_token", "oauth_token", "upload_protocol", "uploadType", "userIp", "$userIp"]);
// `alt` values a JSON method answers: Google's Node clients send `$alt=json;enum-encoding=int` when
// numeric enums are on (the Operation messages hold no enum, so the body is the same).
const ALT_VALUES = new Set(["json", "json;enum-encoding=int"]);
const BOOL_VALUES = new Set(["true", "false", "1", "0"]);
const LIST_PARAMS = new Set(["filter", "pageSize", "page_size", "pageToken", "page_token", "returnPartialSuccess", "return_partial_success"]);
// Query parameters of each shape's methods beyond the system parameters (discovery documents: container/v1
// `projects.zones.operations.*` and `projects.locations.operations.*`; sqladmin/v1 `operations.*`).
const SHAPE_PARAMS: Record<WireShape, Partial<Record<Rpc, ReadonlySet<string>>>> = {
    longrunning: { list: LIST_PARAMS },
    container: { get: new Set(["projectId", "zone", "operationId"]), list: new Set(["projectId", "zone"]) },
    sqladmin: { get: new Set(["location"]), cancel: new Set(["location"]), list: new Set(["instance", "location", "maxResults", "pageToken"]) },
};
// Fields of GKE's CancelOperationRequest (container/v1 discovery document); gcloud sends `name`.
const CONTAINER_CANCEL_FIELDS = new Set(["name", "projectId", "zone", "operationId"]);

/** An operation in the service's own wire shape (a `google.longrunning.Operation` for most services). */
export type WireOperation = Operation & Record<string, unknown>;

const MAX_BODY_BYTES = 1024 * 1024;

/** Hostname of a `Host` header, lower-cased, without port. */
function hostnameOf(host: string): string {
    const h = host.toLowerCase();
    if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
    const colon = h.indexOf(":");
    return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * The service a Google hostname names: `clouddeploy.googleapis.com`, `us-west1-gkemulticloud.googleapis.com`,
 * `gkemulticloud.mtls.googleapis.com`; undefined for the shared `www.googleapis.com` and for other hosts.
 */
export function serviceOfHost(hostname: string): string | undefined {
    const m = /^([a-z0-9-]+)\.(?:mtls\.|sandbox\.)?googleapis\.com$/.exec(hostname);
    if (!m) return undefined;
    const labels = m[1].split("-");
    const service = labels[labels.length - 1];
    return service === "www" ? undefined : service;
}

/**
 * The Operations API emulator.
 *
 * @example
 * const emu = new OperationsEmulator();
 * const url = await emu.start();
 * emu.add({ name: "projects/p/locations/us-central1/operations/op-1" });
 * // GET `${url}/v1/projects/p/locations/us-central1/operations/op-1` with `Authorization: Bearer emulator-token`
 * await emu.stop();
 */
export class OperationsEmulator {
    private readonly options: EmulatorOptions;
    private readonly serviceDefaults: Record<string, ServiceDefaults>;
    private readonly tokens: string[];
    /** Operations by canonical name ({@link canonicalName}); several services may share a name form. */
    private readonly ops = new Map<string, OperationState[]>();
    private readonly faults: FaultInjector;
    private readonly log: RequestLogEntry[] = [];
    private readonly sockets = new Set<Socket>();
    private readonly timers = new Set<NodeJS.Timeout>();
    private server?: http.Server;
    private baseUrl?: string;
    private nextOpSeq = 1;
    private nextRequestSeq = 1;
    private stopping = false;

    constructor(options: EmulatorOptions = {}) {
        this.options = options;
        this.tokens = [...(options.tokens ?? options.seed?.tokens ?? [DEFAULT_TOKEN])];
        this.faults = new FaultInjector(options.randomSeed ?? 1);
        if (options.serviceDefaults) validateServiceDefaults(options.serviceDefaults, "serviceDefaults");
        this.serviceDefaults = { ...(options.seed?.serviceDefaults ?? {}) };
        for (const [service, d] of Object.entries(options.serviceDefaults ?? {})) this.serviceDefaults[service] = { ...(this.serviceDefaults[service] ?? {}), ...d };
        if (options.seed) {
            this.addMany(...options.seed.operations);
            for (const rule of options.seed.faults ?? []) this.injectFault(rule);
        }
    }

    /** The base URL (`http://127.0.0.1:PORT`); throws before {@link start}. */
    get url(): string {
        if (!this.baseUrl) throw new Error("OperationsEmulator is not started");
        return this.baseUrl;
    }

    /** The bearer tokens accepted (`[]`: any non-empty token). */
    get acceptedTokens(): readonly string[] {
        return this.tokens;
    }

    /** Every request received since the last {@link resetLog}, in arrival order (a live array). */
    get requests(): RequestLogEntry[] {
        return this.log;
    }

    /** Starts listening and resolves with the base URL. */
    async start(): Promise<string> {
        if (this.server) return this.url;
        const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res);
        const tls = this.options.tls;
        let server: http.Server;
        if (tls) {
            const creds = tls === true ? { key: TEST_SERVER_KEY, cert: TEST_SERVER_CERT } : tls;
            server = https.createServer({ key: creds.key, cert: creds.cert }, handler) as unknown as http.Server;
        } else {
            server = http.createServer(handler);
        }
        server.on("connection", (socket: Socket) => {
            this.sockets.add(socket);
            socket.on("close", () => this.sockets.delete(socket));
        });
        // A client that resets mid-handshake must not crash the emulator.
        server.on("tlsClientError", () => undefined);
        server.on("clientError", (_err, socket) => socket.destroy());
        const host = this.options.host ?? "127.0.0.1";
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(this.options.port ?? 0, host, () => {
                server.off("error", reject);
                resolve();
            });
        });
        this.server = server;
        this.stopping = false;
        const { port } = server.address() as AddressInfo;
        const shownHost = host.includes(":") ? `[${host}]` : host;
        this.baseUrl = `${tls ? "https" : "http"}://${shownHost}:${port}`;
        return this.baseUrl;
    }

    /** Closes the server and every open connection (hanging requests included). Safe to call twice. */
    async stop(): Promise<void> {
        const server = this.server;
        if (!server) return;
        this.stopping = true;
        for (const t of this.timers) clearTimeout(t);
        this.timers.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of this.sockets) s.destroy();
        this.sockets.clear();
        await closed;
        this.server = undefined;
        this.baseUrl = undefined;
    }

    /** Adds a scripted operation; throws if the script is invalid or the service already has the name. */
    add(op: ScriptedOperation): void {
        validateOperation(op, "operation");
        const state = new OperationState(op, this.nextOpSeq++, Date.now(), this.serviceDefaults);
        const same = this.ops.get(state.key) ?? [];
        if (same.some((o) => o.service === state.service)) throw new Error(`Operation already exists: ${op.name}`);
        this.ops.set(state.key, [...same, state]);
    }

    /** Adds several scripted operations. */
    addMany(...ops: ScriptedOperation[]): void {
        for (const op of ops) this.add(op);
    }

    /**
     * The operation as its service's get method would answer it now (ignoring host, auth and faults),
     * or undefined: `google.longrunning.Operation`, GKE's `google.container.v1.Operation` or Cloud
     * SQL's `sql#operation` (links in the `v1` form). `service` picks among services sharing a name form
     * (default: the first added). GKE's `zones` and `locations` forms name the same operation.
     */
    get(name: string, service?: string): WireOperation | undefined {
        return this.find(name, service)?.toWire(Date.now()) as WireOperation | undefined;
    }

    /** Forgets an operation (of `service`, or every service's under that name), as when it expires: later requests for it answer 404. True if one existed. */
    remove(name: string, service?: string): boolean {
        const key = canonicalName(name);
        const same = this.ops.get(key) ?? [];
        const kept = same.filter((o) => service !== undefined && o.service !== service);
        if (kept.length === same.length) return false;
        if (kept.length === 0) this.ops.delete(key);
        else this.ops.set(key, kept);
        return true;
    }

    private find(name: string, service?: string): OperationState | undefined {
        return (this.ops.get(canonicalName(name)) ?? []).find((o) => service === undefined || o.service === service);
    }

    private allOps(): OperationState[] {
        return [...this.ops.values()].flat();
    }

    /** Adds a fault rule (after the existing ones: the first rule that fires wins). */
    injectFault(rule: FaultRule): void {
        validateFaultRule(rule, "rule");
        this.faults.add(rule);
    }

    /** Removes every fault rule. */
    clearFaults(): void {
        this.faults.clear();
    }

    /** How many logged requests match the filter (all of them without one). */
    count(filter: RequestFilter = {}): number {
        return this.log.filter(
            (e) =>
                (filter.rpc === undefined || e.rpc === filter.rpc) &&
                (filter.operation === undefined || e.operation === filter.operation) &&
                (filter.host === undefined || e.hostname === filter.host.toLowerCase() || e.host === filter.host),
        ).length;
    }

    /** Empties the request log. */
    resetLog(): void {
        this.log.length = 0;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const hostHeader = req.headers.host ?? "";
        const auth = req.headers.authorization;
        const bearer = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, "").trim() : undefined;
        const rawQuery = (req.url ?? "").split("?")[1];
        const queryToken = rawQuery ? new URLSearchParams(rawQuery).get("access_token") || undefined : undefined;
        const entry: RequestLogEntry = {
            seq: this.nextRequestSeq++,
            at: Date.now(),
            method: req.method ?? "",
            url: req.url ?? "",
            host: hostHeader,
            hostname: hostnameOf(hostHeader),
            servername: (req.socket as TLSSocket).servername || undefined,
            token: bearer ?? queryToken,
            userProject: req.headers["x-goog-user-project"] as string | undefined,
            userAgent: req.headers["user-agent"],
            apiClient: req.headers["x-goog-api-client"] as string | undefined,
            contentType: req.headers["content-type"],
            body: "",
        };
        this.log.push(entry);
        res.on("finish", () => {
            entry.status = res.statusCode;
        });
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size <= MAX_BODY_BYTES) chunks.push(c);
        });
        req.on("error", () => undefined);
        req.on("end", () => {
            entry.body = Buffer.concat(chunks).toString("utf8");
            if (size > MAX_BODY_BYTES) {
                this.write(res, googleError("INVALID_ARGUMENT", "Request payload size exceeds the limit: 1048576 bytes.", [], true));
                return;
            }
            this.dispatch(req, res, entry);
        });
    }

    private dispatch(req: http.IncomingMessage, res: http.ServerResponse, entry: RequestLogEntry): void {
        const rawUrl = entry.url;
        const q = rawUrl.indexOf("?");
        const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
        const query = new URLSearchParams(q >= 0 ? rawUrl.slice(q + 1) : "");
        const routed = route(entry.method, path);
        if ("rpc" in routed) {
            entry.rpc = routed.rpc;
            entry.operation = routed.resource;
            entry.service = routed.service;
        }
        entry.service ??= serviceOfHost(entry.hostname);
        const fault = this.faults.pick({ rpc: entry.rpc, operation: entry.operation, hostname: entry.hostname });
        const proceed = () => {
            if (this.stopping) return;
            if (!("rpc" in routed)) {
                this.write(res, routed.miss === "bad-request" ? htmlBadRequest() : htmlNotFound(path));
                return;
            }
            this.write(res, this.answer(routed, query, entry, req.headers.authorization !== undefined));
        };
        if (!fault) return proceed();
        entry.fault = fault.kind;
        const pretty = isPretty(query);
        switch (fault.kind) {
            case "delay": {
                const timer = setTimeout(() => {
                    this.timers.delete(timer);
                    proceed();
                }, fault.ms);
                this.timers.add(timer);
                return;
            }
            case "hang":
                return;
            case "reset":
                req.socket.destroy();
                return;
            default:
                this.write(res, this.faultAnswer(fault, entry, pretty));
        }
    }

    private faultAnswer(fault: Fault, entry: RequestLogEntry, pretty: boolean): HttpAnswer {
        switch (fault.kind) {
            case "status": {
                const details: ErrorDetail[] = [];
                const service = this.serviceFor(entry.operation, entry.service, undefined);
                if (fault.code === "RESOURCE_EXHAUSTED") {
                    details.push(errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", { service: `${service}.googleapis.com`, quota_location: "global" }));
                }
                if (fault.retryDelay) details.push(retryInfo(fault.retryDelay));
                const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
                return googleError(fault.code, fault.message ?? defaultMessage(fault.code), details, pretty, headers);
            }
            case "nonJson": {
                const status = fault.status ?? 502;
                if (fault.body === "html") return htmlServerError(status);
                if (fault.body === "empty") return { status, headers: {}, body: "" };
                const full = serialize({ error: { code: status, message: "The service is currently unavailable.", status: "UNAVAILABLE" } }, true);
                return { status, headers: { "content-type": JSON_CONTENT_TYPE }, body: full.slice(0, Math.floor(full.length / 2)) };
            }
            case "redirect": {
                const status = fault.status ?? 302;
                const title = status === 301 ? "301 Moved" : `${status} Moved`;
                return {
                    status,
                    headers: { location: fault.location, "content-type": "text/html; charset=UTF-8" },
                    body: `<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">\n<TITLE>${title}</TITLE></HEAD><BODY>\n<H1>${title}</H1>\nThe document has moved\n<A HREF="${fault.location}">here</A>.\n</BODY></HTML>\n`,
                };
            }
            default:
                throw new Error(`fault ${fault.kind} has no answer`);
        }
    }

    private write(res: http.ServerResponse, answer: HttpAnswer): void {
        if (res.destroyed || res.headersSent) return;
        const body = Buffer.from(answer.body, "utf8");
        res.writeHead(answer.status, {
            ...answer.headers,
            "content-length": String(body.length),
            server: "ESF",
            "x-xss-protection": "0",
            "x-frame-options": "SAMEORIGIN",
            "x-content-type-options": "nosniff",
        });
        res.end(body);
    }

    /**
     * The service a request is answered as, for error domains, permissions and the wire shape: the one it
     * addressed (host or path prefix), else the one service whose name form the path has, else the
     * operation's, else the default.
     */
    private serviceFor(resource: string | undefined, requested: string | undefined, implied: readonly string[] | undefined): string {
        if (requested) return requested;
        if (implied?.length === 1) return implied[0];
        const op = resource ? this.find(resource) : undefined;
        return op?.service ?? this.options.defaultService ?? "clouddeploy";
    }

    /** True when an operation exists for this request's host, the service it addresses (when it names one) and the path's name form. */
    private isVisible(op: OperationState, entry: RequestLogEntry, implied: readonly string[] | undefined): boolean {
        if (op.script.host !== undefined && op.script.host.toLowerCase() !== entry.hostname) return false;
        if (entry.service !== undefined && entry.service !== op.service) return false;
        return implied === undefined || implied.includes(op.service);
    }

    /** The operation a request names, if visible to it. */
    private visible(name: string, entry: RequestLogEntry, implied: readonly string[] | undefined): OperationState | undefined {
        return (this.ops.get(canonicalName(name)) ?? []).find((op) => this.isVisible(op, entry, implied));
    }

    private answer(r: Route, query: URLSearchParams, entry: RequestLogEntry, hasAuthorization: boolean): HttpAnswer {
        const pretty = isPretty(query);
        const shape = shapeOfService(this.serviceFor(r.rpc === "list" ? undefined : r.resource, entry.service, r.services));
        const methodParams = SHAPE_PARAMS[shape][r.rpc];
        for (const key of query.keys()) {
            if (SYSTEM_PARAMS.has(key) || methodParams?.has(key)) continue;
            return invalidArgument(`Invalid JSON payload received. Unknown name "${key}": Cannot bind query parameter. Field '${key}' could not be found in request message.`, pretty);
        }
        const systemProblem = checkSystemParams(query, pretty);
        if (systemProblem) return systemProblem;
        const fields = query.get("fields") ?? query.get("$fields") ?? "";
        const answer = this.answerMethod(r, query, entry, hasAuthorization, pretty);
        if (fields.trim() === "" || answer.status !== 200) return answer;
        return this.ok(selectFields(JSON.parse(answer.body), parseFieldSelector(fields) as FieldSelector), pretty);
    }

    private answerMethod(r: Route, query: URLSearchParams, entry: RequestLogEntry, hasAuthorization: boolean, pretty: boolean): HttpAnswer {
        const service = this.serviceFor(r.rpc === "list" ? undefined : r.resource, entry.service, r.services);
        const shape = shapeOfService(service);
        const oauthToken = query.get("oauth_token") || undefined;
        if (entry.token === undefined && oauthToken !== undefined) entry.token = oauthToken;
        if (entry.token === undefined && !hasAuthorization) return credentialsMissing(service, METHOD_NAMES[r.rpc], pretty);
        const accepted = entry.token !== undefined && entry.token !== "" && (this.tokens.length === 0 || this.tokens.includes(entry.token));
        if (!accepted) return credentialsInvalid(service, METHOD_NAMES[r.rpc], pretty);

        const now = Date.now();
        if (r.rpc === "list") {
            if (shape === "container") return this.listContainer(r, entry, now, pretty);
            if (shape === "sqladmin") return this.listSql(r, query, entry, now, pretty);
            return this.list(r, query, entry, now, pretty);
        }
        if (r.rpc === "cancel") {
            const bodyProblem = this.checkCancelBody(entry.body, shape === "container" ? CONTAINER_CANCEL_FIELDS : new Set());
            if (bodyProblem) return invalidArgument(bodyProblem, pretty);
        }
        const op = r.malformedName ? undefined : this.visible(r.resource, entry, r.services);
        if (!op) {
            if (shape === "container") return googleError("NOT_FOUND", containerNotFoundMessage(r.resource), [], pretty);
            if (shape === "sqladmin") return this.sqlError(SQL_NOT_FOUND, pretty);
            return googleError("NOT_FOUND", `Operation not found: ${r.resource}`, [errorInfo("OPERATION_NOT_FOUND", `${service}.googleapis.com`, { resource: r.resource })], pretty);
        }
        if (op.script.denied?.includes(r.rpc)) return permissionDenied(op.service, `${op.service}.operations.${r.rpc}`, op.name, pretty);
        switch (r.rpc) {
            case "get":
                return this.ok(op.toWire(now, { version: r.version }), pretty);
            case "delete":
                this.remove(op.name, op.service);
                return this.ok({}, pretty);
            case "cancel":
                return this.cancel(op, now, pretty);
        }
    }

    private sqlError(e: { status: number; message: string; reason: string }, pretty: boolean): HttpAnswer {
        return { status: e.status, headers: { "content-type": JSON_CONTENT_TYPE, vary: "Origin, X-Origin, Referer" }, body: serialize(sqlErrorBody(e.status, e.message, e.reason), pretty) };
    }

    private ok(value: unknown, pretty: boolean): HttpAnswer {
        return { status: 200, headers: { "content-type": JSON_CONTENT_TYPE, vary: "Origin, X-Origin, Referer" }, body: serialize(value, pretty) };
    }

    /** Google's transcoder accepts the request message (`{}` or no body) and rejects any field it does not have. */
    private checkCancelBody(body: string, fields: ReadonlySet<string>): string | undefined {
        if (body.trim() === "") return undefined;
        let parsed: unknown;
        try {
            parsed = JSON.parse(body);
        } catch {
            return `Invalid JSON payload received. Unexpected token.\n${body.slice(0, 40)}\n^`;
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
            return `Invalid JSON payload received. Expected an object as the request body.`;
        }
        const keys = Object.keys(parsed).filter((k) => !fields.has(k));
        if (keys.length > 0) return `Invalid JSON payload received. Unknown name "${keys[0]}": Cannot find field.`;
        return undefined;
    }

    private cancel(op: OperationState, now: number, pretty: boolean): HttpAnswer {
        const domain = `${op.service}.googleapis.com`;
        if (op.script.unimplemented || this.options.unimplementedServices?.includes(op.service)) {
            return googleError("UNIMPLEMENTED", "Operation cancellation is not supported.", [errorInfo("CANCEL_NOT_SUPPORTED", domain, { resource: op.name })], pretty);
        }
        const effect = op.requestCancel(now);
        if (effect === "already-done" && op.behaviour.afterDoneCancel === "failed-precondition") {
            if (op.shape === "container") return googleError("FAILED_PRECONDITION", containerAlreadyDoneMessage(op.parsed.id), [], pretty);
            if (op.shape === "sqladmin") return this.sqlError(SQL_ALREADY_DONE, pretty);
            const message = op.wasCancelled(now) ? "Operation has already been cancelled." : "Operation has already finished.";
            return googleError("FAILED_PRECONDITION", message, [errorInfo("OPERATION_ALREADY_DONE", domain, { resource: op.name })], pretty);
        }
        return this.ok({}, pretty);
    }

    /** The operations a list request covers, in insertion order. */
    private inScope(r: Route, entry: RequestLogEntry): OperationState[] {
        return this.allOps()
            .filter((op) => parentMatches(r.resource, op.parent) && this.isVisible(op, entry, r.services))
            .sort((a, b) => a.seq - b.seq);
    }

    /** GKE's list: every operation of the location (`-`: all), unpaged, with `missingZones`. */
    private listContainer(r: Route, entry: RequestLogEntry, now: number, pretty: boolean): HttpAnswer {
        const inScope = this.inScope(r, entry).filter((op) => op.service === "container");
        const deniedBy = inScope.find((op) => op.script.denied?.includes("list"));
        if (deniedBy) return permissionDenied("container", "container.operations.list", r.resource, pretty);
        if (r.malformedName) return invalidArgument(`Invalid resource field value in the request: ${r.resource}`, pretty, "parent");
        return this.ok({ operations: inScope.map((op) => op.toWire(now)), missingZones: [] }, pretty);
    }

    /**
     * Cloud SQL's list: the project's operations (of `instance` when given), newest first (the method's
     * documented "reverse chronological order of the start time"), `maxResults` per page.
     */
    private listSql(r: Route, query: URLSearchParams, entry: RequestLogEntry, now: number, pretty: boolean): HttpAnswer {
        const instance = query.get("instance") ?? "";
        const inScope = this.inScope(r, entry)
            .filter((op) => op.service === "sqladmin" && (instance === "" || op.script.targetId === instance || (op.script.targetId === undefined && instance === "instance-1")))
            .reverse();
        const deniedBy = inScope.find((op) => op.script.denied?.includes("list"));
        if (deniedBy) return this.sqlError({ status: 403, message: "The client is not authorized to make this request.", reason: "notAuthorized" }, pretty);
        const rawMax = query.get("maxResults") ?? "";
        let max = this.options.defaultPageSize ?? 50;
        if (rawMax !== "") {
            if (!/^\d+$/.test(rawMax) || Number(rawMax) > 4294967295) return invalidArgument(`Invalid value at 'max_results' (TYPE_UINT32), "${rawMax}"`, pretty, "max_results");
            if (Number(rawMax) > 0) max = Number(rawMax);
        }
        max = Math.min(max, this.options.maxPageSize ?? 100);
        const rawToken = query.get("pageToken") ?? "";
        let before = Number.POSITIVE_INFINITY;
        if (rawToken !== "") {
            const decoded = decodePageToken(rawToken, r.resource, `instance=${instance}`);
            if (decoded === undefined) return this.sqlError({ status: 400, message: "Invalid request: invalid page token.", reason: "invalid" }, pretty);
            before = decoded;
        }
        const candidates = inScope.filter((op) => op.seq < before);
        const page = candidates.slice(0, max);
        const body: Record<string, unknown> = { kind: "sql#operationsList", items: page.map((op) => op.toWire(now, { version: r.version })) };
        if (candidates.length > page.length) body.nextPageToken = encodePageToken(page[page.length - 1].seq, r.resource, `instance=${instance}`);
        return this.ok(body, pretty);
    }

    private list(r: Route, query: URLSearchParams, entry: RequestLogEntry, now: number, pretty: boolean): HttpAnswer {
        const inScope = this.inScope(r, entry).filter((op) => op.shape === "longrunning");
        const deniedBy = inScope.find((op) => op.script.denied?.includes("list"));
        if (deniedBy) return permissionDenied(deniedBy.service, `${deniedBy.service}.operations.list`, r.resource, pretty);
        if (r.malformedName) return invalidArgument(`Invalid resource field value in the request: ${r.resource}`, pretty, "name");

        const rawSize = query.get("pageSize") ?? query.get("page_size") ?? "";
        let pageSize = 0;
        if (rawSize !== "") {
            if (!/^-?\d+$/.test(rawSize) || Math.abs(Number(rawSize)) > 2147483647) {
                return invalidArgument(`Invalid value at 'page_size' (TYPE_INT32), "${rawSize}"`, pretty, "page_size");
            }
            pageSize = Number(rawSize);
            if (pageSize < 0) return invalidArgument("The page size must not be negative.", pretty, "page_size");
        }
        const maxPageSize = this.options.maxPageSize ?? 100;
        if (pageSize === 0) pageSize = Math.min(this.options.defaultPageSize ?? 50, maxPageSize);
        pageSize = Math.min(pageSize, maxPageSize);

        const filter = query.get("filter") ?? "";
        let restrictions: Restriction[];
        try {
            restrictions = parseFilter(filter);
        } catch (e) {
            if (e instanceof FilterError) return invalidArgument(`Invalid filter: ${e.message}.`, pretty, "filter");
            throw e;
        }
        const rawToken = query.get("pageToken") ?? query.get("page_token") ?? "";
        let after = 0;
        if (rawToken !== "") {
            const decoded = decodePageToken(rawToken, r.resource, filter);
            if (decoded === undefined) return invalidArgument("The page token is invalid.", pretty, "page_token");
            after = decoded;
        }
        const candidates = inScope
            .filter((op) => op.seq > after && restrictions.every((x) => matches(x, op.field(x.field, now))))
            .sort((a, b) => a.seq - b.seq);
        const page = candidates.slice(0, pageSize);
        const body: ListOperationsResponse = {};
        if (page.length > 0) body.operations = page.map((op) => op.toLongrunning(now));
        if (candidates.length > page.length) body.nextPageToken = encodePageToken(page[page.length - 1].seq, r.resource, filter);
        return this.ok(body, pretty);
    }
}

/** `prettyPrint` (or `$prettyPrint`): pretty unless `false`/`0`. */
function isPretty(query: URLSearchParams): boolean {
    return !["false", "0"].includes((query.get("prettyPrint") ?? query.get("$prettyPrint") ?? "").toLowerCase());
}

/** Checks the values of the system parameters, answering 400 INVALID_ARGUMENT naming the bad one. */
function checkSystemParams(query: URLSearchParams, pretty: boolean): HttpAnswer | undefined {
    for (const key of ["alt", "$alt"]) {
        const alt = query.get(key);
        if (alt !== null && !ALT_VALUES.has(alt)) return invalidArgument(`Invalid value at 'alt' (TYPE_ENUM), ${JSON.stringify(alt)}`, pretty, "alt");
    }
    for (const key of ["prettyPrint", "$prettyPrint"]) {
        const v = query.get(key);
        if (v !== null && v !== "" && !BOOL_VALUES.has(v.toLowerCase())) return invalidArgument(`Invalid value at 'pretty_print' (TYPE_BOOL), ${JSON.stringify(v)}`, pretty, "pretty_print");
    }
    const xgafv = query.get("$.xgafv");
    if (xgafv !== null && xgafv !== "1" && xgafv !== "2") return invalidArgument(`Invalid value at '$.xgafv' (TYPE_ENUM), ${JSON.stringify(xgafv)}`, pretty, "$.xgafv");
    for (const key of ["fields", "$fields"]) {
        const fields = query.get(key);
        if (fields !== null && fields.trim() !== "" && parseFieldSelector(fields) === undefined) {
            return invalidArgument(`Invalid field selection ${fields}`, pretty, "fields");
        }
    }
    return undefined;
}

/** A parsed `fields` selector: each key selects a field, with a nested selector or `true` for all of it. */
type FieldSelector = Map<string, FieldSelector | true>;

/**
 * Parses a partial-response selector (`name,done`, `operations(name,metadata/target),nextPageToken`,
 * `*`); undefined when it is malformed.
 */
export function parseFieldSelector(text: string): FieldSelector | undefined {
    let i = 0;
    const src = text.replace(/\s+/g, "");
    const list = (): FieldSelector | undefined => {
        const out: FieldSelector = new Map();
        for (;;) {
            const m = /^[A-Za-z0-9_@$.*-]+(?:\/[A-Za-z0-9_@$.*-]+)*/.exec(src.slice(i));
            if (!m) return undefined;
            i += m[0].length;
            let sub: FieldSelector | true = true;
            if (src[i] === "(") {
                i++;
                const inner = list();
                if (!inner || src[i] !== ")") return undefined;
                i++;
                sub = inner;
            }
            const path = m[0].split("/");
            let node: FieldSelector | undefined = out;
            for (let k = 0; node && k < path.length; k++) {
                const key = path[k];
                const prev: FieldSelector | true | undefined = node.get(key);
                if (k === path.length - 1) {
                    node.set(key, prev instanceof Map && sub instanceof Map ? new Map([...prev, ...sub]) : prev === true ? true : sub);
                } else if (prev === true) {
                    node = undefined; // already selected whole
                } else {
                    const next: FieldSelector = prev ?? new Map();
                    node.set(key, next);
                    node = next;
                }
            }
            if (src[i] !== ",") return out;
            i++;
        }
    };
    const parsed = list();
    return parsed && i === src.length ? parsed : undefined;
}

/** Applies a selector to a JSON value (arrays element-wise), keeping `@type` of every kept `Any`. */
function selectFields(value: unknown, selector: FieldSelector): unknown {
    if (Array.isArray(value)) return value.map((v) => selectFields(v, selector));
    if (typeof value !== "object" || value === null) return value;
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(obj)) {
        const sel = selector.get(key) ?? selector.get("*");
        if (sel === undefined) continue;
        out[key] = sel === true ? v : selectFields(v, sel);
    }
    if (Object.keys(out).length > 0 && "@type" in obj) return { "@type": obj["@type"], ...out };
    return out;
}
