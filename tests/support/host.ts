/**
 * Runs Pulumi's own Node dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as the engine
 * does (`node <that dir> <engine-address>`, cwd = program directory) and talks to it over gRPC.
 *
 * The host never dials the engine address (it only checks that one is given; `pulumi.log` and
 * `console.*` in the host go to its stdout/stderr, which the CLI shows as unattributed lines), so no
 * Engine server is needed: progress and secrets are asserted on the captured stdout/stderr lines.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import { childCoverage, type ChildCoverage } from "./mutationCoverage";

/** A plain JSON-compatible property bag. */
export type Props = Record<string, unknown>;

/** Result of Check. */
export interface CheckResult {
    inputs: Props;
    failures: { property: string; reason: string }[];
}

/** Result of Diff (`changes` is the DiffChanges name). */
export interface DiffResult {
    changes: "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";
    replaces: string[];
    stables: string[];
    deleteBeforeReplace: boolean;
}

/** Result of Create. */
export interface CreateResult {
    id: string;
    properties: Props;
}

/** Result of Read (`id` empty when the resource is gone). */
export interface ReadResult {
    id: string;
    properties: Props;
    inputs?: Props;
}

/** A gRPC failure from the host, keeping the message and, for init failures, id and properties. */
export class HostCallError extends Error {
    /** The gRPC status code. */
    readonly code: number;
    /** Set when the host reported `ErrorResourceInitFailed` (Create/Update with `err.id`). */
    readonly initFailure?: { id: string; properties: Props; reasons: string[] };

    constructor(method: string, err: grpc.ServiceError) {
        super(err.details || err.message);
        this.name = "HostCallError";
        this.code = err.code;
        this.initFailure = decodeInitFailure(err);
        void method;
    }
}

function decodeInitFailure(err: grpc.ServiceError): HostCallError["initFailure"] {
    const bin = err.metadata?.get("grpc-status-details-bin")[0];
    if (bin === undefined || typeof bin === "string") {
        return undefined;
    }
    const status = statusproto.Status.deserializeBinary(new Uint8Array(bin));
    for (const any of status.getDetailsList()) {
        if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
            const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
            return {
                id: detail.getId(),
                properties: toJs(detail.getProperties()),
                reasons: detail.getReasonsList(),
            };
        }
    }
    return undefined;
}

/** Converts a plain object to `google.protobuf.Struct` (throws "Unexpected struct type." on `undefined`). */
export function toStruct(obj: Props): Struct {
    return Struct.fromJavaScript(obj as Parameters<typeof Struct.fromJavaScript>[0]);
}

function toJs(s: Struct | undefined): Props {
    return (s?.toJavaScript() ?? {}) as Props;
}

/** The URN the engine would give a resource. */
export function urnFor(type: string, name: string, project: string, stack: string): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** A running host and typed gRPC access to it. */
export interface HostClient {
    /** The host's gRPC port. */
    readonly port: number;
    /** Every stdout line after the port line. */
    readonly stdout: readonly string[];
    /** Every stderr line. */
    readonly stderr: readonly string[];
    /** stdout and stderr joined (for "contains"/"does not contain" assertions). */
    output(): string;
    /**
     * Resolves with the first stdout line containing `text` (or matching it), waiting up to `timeoutMs`
     * (default 5000): lines may arrive after the gRPC reply that followed them.
     */
    waitForStdout(text: string | RegExp, timeoutMs?: number): Promise<string>;
    getPluginInfo(): Promise<{ version: string }>;
    configure(config: Record<string, string>, opts?: { acceptSecrets?: boolean }): Promise<{ acceptSecrets: boolean; supportsPreview: boolean }>;
    check(urn: string, olds: Props, news: Props): Promise<CheckResult>;
    diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffResult>;
    create(urn: string, props: Props, opts?: { preview?: boolean }): Promise<CreateResult>;
    read(id: string, urn: string, props: Props, inputs?: Props): Promise<ReadResult>;
    update(id: string, urn: string, olds: Props, news: Props, opts?: { preview?: boolean; oldInputs?: Props }): Promise<Props>;
    delete(id: string, urn: string, props: Props): Promise<void>;
    /** Kills the host and closes the client. */
    stop(): Promise<void>;
}

/** Options for {@link startHost}. */
export interface StartHostOptions {
    /** The program directory (the host's working directory). */
    cwd: string;
    /** Extra environment for the host process (merged over a copy of `process.env` minus `PULUMI_NODEJS_*`). */
    env?: Record<string, string>;
    /** Modules to preload with `node --require` (test-only registrations). */
    preload?: string[];
    /** The engine address argument (default `127.0.0.1:1`; the host never dials it). */
    engineAddress?: string;
    /** Milliseconds to wait for the port line (default 20000). */
    startTimeoutMs?: number;
}

/**
 * Spawns `process.execPath node_modules/@pulumi/pulumi/cmd/dynamic-provider <engine>` in `cwd` and
 * connects a gRPC client to the port it prints first.
 *
 * @param opts - Working directory and process options.
 */
export async function startHost(opts: StartHostOptions): Promise<HostClient> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (!k.startsWith("PULUMI_NODEJS_")) {
            env[k] = v;
        }
    }
    Object.assign(env, opts.env ?? {});
    // Only in a mutation run: the provider code's coverage counted for the test that called the host.
    const coverage = childCoverage();
    Object.assign(env, coverage?.env ?? {});
    const args = [
        ...[...(coverage?.preload ?? []), ...(opts.preload ?? [])].flatMap((m) => ["--require", m]),
        path.join("node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider"),
        opts.engineAddress ?? "127.0.0.1:1",
    ];
    const child = spawn(process.execPath, args, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: string[] = [];
    const stderr: string[] = [];
    readline.createInterface({ input: child.stderr! }).on("line", (l) => stderr.push(l));
    const out = readline.createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
        let first = true;
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`host did not print its port in time; stderr:\n${stderr.join("\n")}`));
        }, opts.startTimeoutMs ?? 20000);
        out.on("line", (line) => {
            if (first) {
                first = false;
                clearTimeout(timer);
                const n = Number(line.trim());
                if (Number.isInteger(n) && n > 0) {
                    resolve(n);
                } else {
                    reject(new Error(`unexpected first host line: ${line}`));
                }
                return;
            }
            stdout.push(line);
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`host exited early (${code ?? signal}); stderr:\n${stderr.join("\n")}`));
        });
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    if (coverage) coverageOf.set(client, coverage);
    return makeClient(client, child, port, stdout, stderr);
}

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => grpc.ClientUnaryCall;

const coverageOf = new WeakMap<provrpc.ResourceProviderClient, ChildCoverage>();

function call<Req, Res>(client: provrpc.ResourceProviderClient, name: string, method: unknown, req: Req): Promise<Res> {
    const fn = method as Unary<Req, Res>;
    return new Promise<Res>((resolve, reject) => {
        fn.call(client, req, (err, res) => {
            try {
                coverageOf.get(client)?.take();
            } finally {
                if (err) reject(new HostCallError(name, err));
                else resolve(res);
            }
        });
    });
}

const DIFF_NAMES: Record<number, DiffResult["changes"]> = {
    [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "DIFF_UNKNOWN",
    [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "DIFF_NONE",
    [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "DIFF_SOME",
};

function typeAndName(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    return { type: parts[2] ?? "", name: parts[3] ?? "" };
}

function makeClient(
    client: provrpc.ResourceProviderClient,
    child: ChildProcess,
    port: number,
    stdout: string[],
    stderr: string[],
): HostClient {
    const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
        } else {
            child.once("exit", () => resolve());
        }
    });
    return {
        port,
        stdout,
        stderr,
        output: () => [...stdout, ...stderr].join("\n"),
        async waitForStdout(text, timeoutMs = 5000) {
            const matches = (l: string): boolean => (typeof text === "string" ? l.includes(text) : text.test(l));
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const line = stdout.find(matches);
                if (line !== undefined) {
                    return line;
                }
                if (Date.now() > deadline) {
                    throw new Error(`no host stdout line matching ${String(text)}; stdout:\n${stdout.join("\n")}`);
                }
                await new Promise((r) => setTimeout(r, 20));
            }
        },
        async getPluginInfo() {
            const res = await call<Empty, plugproto.PluginInfo>(client, "GetPluginInfo", client.getPluginInfo, new Empty());
            return { version: res.getVersion() };
        },
        async configure(config, opts) {
            const req = new provproto.ConfigureRequest();
            req.setArgs(toStruct(config));
            req.setAcceptsecrets(opts?.acceptSecrets ?? true);
            req.setAcceptresources(true);
            const res = await call<provproto.ConfigureRequest, provproto.ConfigureResponse>(client, "Configure", client.configure, req);
            return { acceptSecrets: res.getAcceptsecrets(), supportsPreview: res.getSupportspreview() };
        },
        async check(urn, olds, news) {
            const req = new provproto.CheckRequest();
            const { type, name } = typeAndName(urn);
            req.setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
            const res = await call<provproto.CheckRequest, provproto.CheckResponse>(client, "Check", client.check, req);
            return {
                inputs: toJs(res.getInputs()),
                failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async diff(id, urn, olds, news) {
            const req = new provproto.DiffRequest();
            const { type, name } = typeAndName(urn);
            req.setId(id).setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
            const res = await call<provproto.DiffRequest, provproto.DiffResponse>(client, "Diff", client.diff, req);
            return {
                changes: DIFF_NAMES[res.getChanges()] ?? "DIFF_UNKNOWN",
                replaces: res.getReplacesList(),
                stables: res.getStablesList(),
                deleteBeforeReplace: res.getDeletebeforereplace(),
            };
        },
        async create(urn, props, opts) {
            const req = new provproto.CreateRequest();
            const { type, name } = typeAndName(urn);
            req.setUrn(urn).setName(name).setType(type).setProperties(toStruct(props)).setPreview(opts?.preview ?? false);
            const res = await call<provproto.CreateRequest, provproto.CreateResponse>(client, "Create", client.create, req);
            return { id: res.getId(), properties: toJs(res.getProperties()) };
        },
        async read(id, urn, props, inputs) {
            const req = new provproto.ReadRequest();
            const { type, name } = typeAndName(urn);
            req.setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
            if (inputs !== undefined) {
                req.setInputs(toStruct(inputs));
            }
            const res = await call<provproto.ReadRequest, provproto.ReadResponse>(client, "Read", client.read, req);
            return {
                id: res.getId(),
                properties: toJs(res.getProperties()),
                inputs: res.hasInputs() ? toJs(res.getInputs()) : undefined,
            };
        },
        async update(id, urn, olds, news, opts) {
            const req = new provproto.UpdateRequest();
            const { type, name } = typeAndName(urn);
            req.setId(id).setUrn(urn).setName(name).setType(type).setOlds(toStruct(olds)).setNews(toStruct(news));
            req.setPreview(opts?.preview ?? false);
            if (opts?.oldInputs !== undefined) {
                req.setOldInputs(toStruct(opts.oldInputs));
            }
            const res = await call<provproto.UpdateRequest, provproto.UpdateResponse>(client, "Update", client.update, req);
            return toJs(res.getProperties());
        },
        async delete(id, urn, props) {
            const req = new provproto.DeleteRequest();
            const { type, name } = typeAndName(urn);
            req.setId(id).setUrn(urn).setName(name).setType(type).setProperties(toStruct(props));
            await call<provproto.DeleteRequest, Empty>(client, "Delete", client.delete, req);
        },
        async stop() {
            client.close();
            if (child.exitCode === null && child.signalCode === null) {
                child.kill("SIGTERM");
                const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
                await exited;
                clearTimeout(timer);
            }
            coverageOf.get(client)?.dispose();
        },
    };
}
