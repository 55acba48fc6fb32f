/**
 * Log messages to the Pulumi engine from inside Pulumi's dynamic-provider host, as native providers do.
 *
 * The engine starts the host (`@pulumi/pulumi/cmd/dynamic-provider`) with the address of its own gRPC
 * server as the last argument. That server implements `pulumirpc.Engine`, whose `Log` call takes a
 * severity, a message, the URN of the resource it is about and an `ephemeral` flag: an ephemeral message
 * shows in the resource's own row of the `pulumi up` display and is then replaced, a lasting one is listed
 * under the resource in the final Diagnostics. Whatever a provider prints on stdout instead reaches the
 * display as a message of the stack (`pulumi:pulumi:Stack`), with no resource.
 *
 * Nothing here may disturb a provider: the gRPC code is loaded on the first message, every call has a
 * deadline, a failure is reported as `false` (the caller then prints the message as before), and the
 * client is closed after a short idle time. Only the dynamic-provider host uses this module; the command
 * line and the REST client never load it.
 *
 * @packageDocumentation
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engineProto from "@pulumi/pulumi/proto/engine_pb";

/** How bad a message is; the engine shows `info` as a plain message. */
export type LogSeverity = "debug" | "info" | "warning" | "error";

/** One message for the engine. */
export interface LogEntry {
    severity: LogSeverity;
    message: string;
    /** The resource the message is about (its row in the display); empty: the stack. */
    urn: string;
    /** A passing status shown on the resource's row, never listed in the Diagnostics. */
    ephemeral?: boolean;
    /** Messages of one non-zero stream are joined into one in the Diagnostics. Default 0. */
    streamId?: number;
}

/** A connection to the engine's Log service. */
export interface EngineLog {
    /** The engine's address. */
    readonly address: string;
    /**
     * Sends `entry` after every message sent before it. Resolves `true` once the engine took it and `false`
     * when it could not be delivered (the caller shows it another way); never rejects.
     */
    send(entry: LogEntry): Promise<boolean>;
    /** Resolves once every message sent so far was delivered or given up. */
    flush(): Promise<void>;
    /** False once the engine proved unreachable: later messages are not even tried. */
    readonly usable: boolean;
    /** Closes the client (a later message opens a new one). */
    close(): void;
}

/** Options of {@link connectEngineLog}. */
export interface EngineLogOptions {
    /** Deadline of each call, in ms. Default 3 s (a local engine answers in about a millisecond). */
    deadlineMs?: number;
    /** The client is closed after this long without a message, in ms. Default 10 s. */
    idleCloseMs?: number;
    /** Loads the gRPC modules (tests); default: from the host's own `@pulumi/pulumi`, else from this package's. */
    load?: () => GrpcModules;
}

/** The modules the client needs, loaded on first use. */
export interface GrpcModules {
    grpc: typeof grpcTypes;
    engineGrpc: Pick<typeof engineGrpc, "EngineClient">;
    engineProto: Pick<typeof engineProto, "LogRequest" | "LogSeverity">;
}

const DEFAULT_DEADLINE_MS = 3_000;
const DEFAULT_IDLE_CLOSE_MS = 10_000;
const HOST_SCRIPT = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider(?:[\\/]index(?:\.js)?)?$/;
const ADDRESS = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/**
 * The engine's address when this process is Pulumi's Node.js dynamic-provider host, else `undefined`.
 * The engine passes its address last, after optional logging and tracing flags.
 *
 * @param argv - The process arguments (default `process.argv`).
 */
export function hostEngineAddress(argv: readonly string[] = process.argv): string | undefined {
    const script = argv[1];
    if (script === undefined || !HOST_SCRIPT.test(script) || argv.length < 3) return undefined;
    const last = argv[argv.length - 1]!;
    return ADDRESS.test(last) ? last : undefined;
}

function loadFromHost(): GrpcModules {
    // Prefer the modules the host itself runs on (one gRPC library in the process), then this package's.
    const main = require.main;
    const loaders: Array<(id: string) => unknown> = [];
    if (main && HOST_SCRIPT.test(main.filename)) loaders.push((id) => main.require(id));
    loaders.push((id) => require(id));
    let lastError: unknown;
    for (const load of loaders) {
        try {
            return {
                grpc: load("@grpc/grpc-js") as GrpcModules["grpc"],
                engineGrpc: load("@pulumi/pulumi/proto/engine_grpc_pb") as GrpcModules["engineGrpc"],
                engineProto: load("@pulumi/pulumi/proto/engine_pb") as GrpcModules["engineProto"],
            };
        } catch (err) {
            lastError = err;
        }
    }
    throw lastError;
}

const SEVERITIES: Record<LogSeverity, keyof typeof engineProto.LogSeverity> = { debug: "DEBUG", info: "INFO", warning: "WARNING", error: "ERROR" };

/** Codes after which the engine is taken as gone (or as no engine) for the rest of the process. */
function isFatal(grpc: typeof grpcTypes, code: number | undefined): boolean {
    return code === grpc.status.UNAVAILABLE || code === grpc.status.UNIMPLEMENTED;
}

/** Calls in a row that may miss their deadline before the engine is taken as gone. */
const MAX_MISSED_DEADLINES = 2;

/**
 * A lazily connected client of the engine's Log service at `address`.
 *
 * @param address - `host:port` of the engine's gRPC server.
 * @param opts - Deadline, idle close and module loading.
 */
export function connectEngineLog(address: string, opts: EngineLogOptions = {}): EngineLog {
    const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const idleCloseMs = opts.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS;
    let modules: GrpcModules | undefined;
    let client: engineGrpc.EngineClient | undefined;
    let usable = true;
    let missedDeadlines = 0;
    let tail: Promise<unknown> = Promise.resolve();
    let pending = 0;
    let idleTimer: NodeJS.Timeout | undefined;

    function close(): void {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = undefined;
        const c = client;
        client = undefined;
        try {
            c?.close();
        } catch {
            // Closing is best effort.
        }
    }

    function scheduleIdleClose(): void {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
            if (pending === 0) close();
        }, idleCloseMs);
        idleTimer.unref();
    }

    function deliver(entry: LogEntry): Promise<boolean> {
        if (!usable) return Promise.resolve(false);
        try {
            modules ??= (opts.load ?? loadFromHost)();
            const { grpc, engineGrpc, engineProto } = modules;
            client ??= new engineGrpc.EngineClient(address, grpc.credentials.createInsecure());
            const req = new engineProto.LogRequest();
            req.setSeverity(engineProto.LogSeverity[SEVERITIES[entry.severity]]);
            req.setMessage(entry.message);
            req.setUrn(entry.urn);
            req.setStreamid(entry.streamId ?? 0);
            req.setEphemeral(entry.ephemeral === true);
            const c = client;
            return new Promise<boolean>((resolve) => {
                try {
                    c.log(req, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (err) => {
                        if (err) {
                            missedDeadlines = err.code === grpc.status.DEADLINE_EXCEEDED ? missedDeadlines + 1 : 0;
                            if (isFatal(grpc, err.code) || missedDeadlines >= MAX_MISSED_DEADLINES) {
                                usable = false;
                                close();
                            }
                            resolve(false);
                        } else {
                            missedDeadlines = 0;
                            resolve(true);
                        }
                    });
                } catch {
                    resolve(false);
                }
            });
        } catch {
            // The gRPC modules could not be loaded (or the client not built): the engine is out of reach.
            usable = false;
            return Promise.resolve(false);
        }
    }

    function send(entry: LogEntry): Promise<boolean> {
        pending++;
        const result = tail.then(() => deliver(entry)).then(
            (ok) => ok,
            () => false,
        );
        tail = result.finally(() => {
            pending--;
            if (client) scheduleIdleClose();
        });
        return result;
    }

    return {
        address,
        send,
        flush: () => tail.then(() => undefined, () => undefined),
        get usable() {
            return usable;
        },
        close,
    };
}

/*
 * One client per process, kept on globalThis so that every copy of this module in the host shares it.
 */
const SHARED_KEY = Symbol.for("pulumi-gcp-operations/engineLog.v1");

/**
 * The engine log of this process: a client of the engine that started this dynamic-provider host, or
 * `undefined` in any other process (the command line, tests, a Pulumi program).
 */
export function hostEngineLog(): EngineLog | undefined {
    const holder = globalThis as unknown as Record<symbol, { log: EngineLog | undefined } | undefined>;
    let shared = holder[SHARED_KEY];
    if (shared === undefined) {
        const address = hostEngineAddress();
        shared = { log: address === undefined ? undefined : connectEngineLog(address) };
        holder[SHARED_KEY] = shared;
    }
    return shared.log;
}
