/**
 * Progress in the `pulumi` display, as a native provider's: the providers send their messages to the
 * engine's Log service with the resource's URN (a hidden input computed by the resource classes), so
 * statuses show in the resource's own row and outcomes are listed under the resource in the
 * Diagnostics, never as messages of the stack. When the URN or the engine is missing, each message is
 * printed on stdout as before.
 *
 * Three levels: the engine-log client against a fake Engine gRPC server; Pulumi's real dynamic-provider
 * host pointed at that fake engine; and the real `pulumi` CLI.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as engproto from "@pulumi/pulumi/proto/engine_pb";
import { OperationCancellation, OperationSweep } from "../../provider";
import { connectEngineLog, hostEngineAddress } from "../../provider/dynamic/engineLog";
import { progressReporter, resourceProgress, resourceProgressReporter } from "../../provider/dynamic/progress";
import type { WaitProgress } from "../../provider/google/client";
import { OperationsEmulator } from "../../provider/testing";
import type { CommandResult } from "../support/cliStack";
import { EngineSimulator } from "../support/engine";
import { startHost, type HostClient } from "../support/host";
import { createProgramDir, type ProgramDir } from "../support/programDir";
import { describeRealEngine } from "../support/pulumiCli";
import { useRealEngineStack } from "./stackPerTest";

const TOKEN = "emulator-token";
const CANCELLATION = "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationCancellation";
const SWEEP = "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationSweep";
const URN = `urn:pulumi:dev::proj::${CANCELLATION}::stuck`;
const INFO = 1;

/** A stand-in for the engine's gRPC server: records every LogRequest. */
interface FakeEngine {
    readonly address: string;
    readonly logs: engproto.LogRequest.AsObject[];
    stop(): Promise<void>;
}

async function startFakeEngine(opts: { answer?: boolean } = {}): Promise<FakeEngine> {
    const server = new grpc.Server();
    const logs: engproto.LogRequest.AsObject[] = [];
    server.addService(engrpc.EngineService, {
        log: (call: grpc.ServerUnaryCall<engproto.LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) => {
            logs.push(call.request.toObject());
            if (opts.answer !== false) callback(null, new Empty());
        },
    } as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, logs, stop: async () => server.forceShutdown() };
}

/** An address where nothing listens. */
async function closedAddress(): Promise<string> {
    const engine = await startFakeEngine();
    await engine.stop();
    return engine.address;
}

/** The Diagnostics block of a non-interactive display: resource header → its lines. */
function diagnostics(output: string): Map<string, string[]> {
    const sections = new Map<string, string[]>();
    const lines = output.split("\n");
    let i = lines.findIndex((l) => l.trimEnd() === "Diagnostics:");
    if (i < 0) return sections;
    let current: string[] | undefined;
    for (i++; i < lines.length; i++) {
        const line = lines[i]!.trimEnd();
        if (/^\S/.test(line)) break;
        const header = /^ {2}(\S.*):$/.exec(line);
        if (header) sections.set(header[1]!, (current = []));
        else if (line.startsWith("    ") && current) current.push(line.trim());
    }
    return sections;
}

describe("engine log: messages to the engine's Log service", () => {
    let engine: FakeEngine | undefined;
    afterEach(async () => {
        await engine?.stop();
        engine = undefined;
    });

    test("the engine address is known only in Pulumi's dynamic-provider host, and is its last argument", () => {
        const host = "/prog/node_modules/@pulumi/pulumi/cmd/dynamic-provider";
        expect(hostEngineAddress(["node", host, "127.0.0.1:40123"])).toBe("127.0.0.1:40123");
        expect(hostEngineAddress(["node", `${host}/index.js`, "--logtostderr", "-v=9", "--tracing", "127.0.0.1:9", "127.0.0.1:40123"])).toBe("127.0.0.1:40123");
        expect(hostEngineAddress(["node", host, "[::1]:40123"])).toBe("[::1]:40123");
        expect(hostEngineAddress(["node", host])).toBeUndefined();
        expect(hostEngineAddress(["node", host, "--logtostderr"])).toBeUndefined();
        expect(hostEngineAddress(["node", "/usr/lib/node_modules/jest/bin/jest.js", "127.0.0.1:40123"])).toBeUndefined();
        expect(hostEngineAddress(["node", "/work/dist/provider/cli/main.js", "emulator", "127.0.0.1:40123"])).toBeUndefined();
    });

    test("statuses are ephemeral and the outcome lasting, on the resource's URN, in order; nothing is printed", async () => {
        engine = await startFakeEngine();
        const log = connectEngineLog(engine.address);
        const printed: string[] = [];
        const progress = resourceProgress({ __urn: URN }, { log, print: (l) => printed.push(l) });
        progress.status("waiting for op-1", "X: op-1: still running");
        progress.status("waiting for op-1: rendering", "X: op-1: still running (rendering)");
        await progress.outcome("CANCELLED: op-1 was cancelled (1.0s)", "X: CANCELLED: op-1 was cancelled (1.0s)");
        log.close();
        expect(printed).toEqual([]);
        expect(engine.logs).toEqual([
            { severity: INFO, message: "waiting for op-1", urn: URN, streamid: 0, ephemeral: true },
            { severity: INFO, message: "waiting for op-1: rendering", urn: URN, streamid: 0, ephemeral: true },
            { severity: INFO, message: "CANCELLED: op-1 was cancelled (1.0s)", urn: URN, streamid: 0, ephemeral: false },
        ]);
    });

    test("an engine out of reach: every message is printed as before, in order, and the engine is not tried again", async () => {
        const log = connectEngineLog(await closedAddress());
        const printed: string[] = [];
        const progress = resourceProgress({ __urn: URN }, { log, print: (l) => printed.push(l) });
        progress.status("row 1", "line 1");
        progress.status("row 2", "line 2");
        await progress.outcome("outcome", "line 3");
        expect(printed).toEqual(["line 1", "line 2", "line 3"]);
        expect(log.usable).toBe(false);
    });

    test("a call the engine never answers is given up at its deadline and printed; after two in a row the engine is not tried again", async () => {
        engine = await startFakeEngine({ answer: false });
        const log = connectEngineLog(engine.address, { deadlineMs: 300 });
        const printed: string[] = [];
        const progress = resourceProgress({ __urn: URN }, { log, print: (l) => printed.push(l) });
        const started = Date.now();
        await progress.outcome("outcome 1", "line 1");
        expect(Date.now() - started).toBeLessThan(3000);
        expect(printed).toEqual(["line 1"]);
        expect(log.usable).toBe(true);
        await progress.outcome("outcome 2", "line 2");
        expect(log.usable).toBe(false);
        await progress.outcome("outcome 3", "line 3");
        expect(printed).toEqual(["line 1", "line 2", "line 3"]);
        expect(engine.logs.map((l) => l.message)).toEqual(["outcome 1", "outcome 2"]);
        log.close();
    });

    test("without a URN (state written by an older version) lines are printed and the engine is never called", async () => {
        engine = await startFakeEngine();
        const log = connectEngineLog(engine.address);
        const printed: string[] = [];
        const progress = resourceProgress({ operation: "op" }, { log, print: (l) => printed.push(l) });
        progress.status("row", "line 1");
        await progress.outcome("outcome", "line 2");
        expect(printed).toEqual(["line 1", "line 2"]);
        expect(engine.logs).toEqual([]);
    });

    test("the client never keeps a process alive", async () => {
        engine = await startFakeEngine();
        const modulePath = path.join(__dirname, "..", "..", "provider", "dynamic", "engineLog.js");
        const script =
            `const { connectEngineLog } = require(${JSON.stringify(modulePath)});` +
            `connectEngineLog(${JSON.stringify(engine.address)}).send({ severity: "info", message: "hi", urn: ${JSON.stringify(URN)} })` +
            `.then((ok) => console.log(String(ok)));`;
        const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
        const started = Date.now();
        const code = await new Promise<number | null>((resolve) => {
            const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
            child.on("close", (c) => {
                clearTimeout(timer);
                resolve(c);
            });
        });
        expect(out.trim()).toBe("true");
        expect(code).toBe(0);
        expect(Date.now() - started).toBeLessThan(6000);
        expect(engine.logs.map((l) => l.message)).toEqual(["hi"]);
    });
});

describe("a resource's wait progress", () => {
    const NAME = "projects/p/locations/l/operations/op-1";
    const poll = (elapsedMs: number, statusMessage?: string, done = false): WaitProgress => ({
        name: NAME, operation: { name: NAME, ...(done ? { done: true } : {}) }, elapsedMs, polls: 1, ...(statusMessage ? { statusMessage } : {}),
    });

    test("rows name the operation's id and its status at the calm rate; the done poll is left to the outcome", () => {
        const T = 1_000_000; // a wall clock: the first poll always shows
        let now = T;
        const seen: Array<[string, string]> = [];
        const report = resourceProgressReporter("OperationCancellation", { status: (row, line) => seen.push([row, line]), outcome: async () => undefined }, () => now);
        report(poll(0));
        now = T + 1000;
        report(poll(1000, "rendering")); // changed, but within 2 s of the last
        now = T + 2500;
        report(poll(2500, "rendering"));
        now = T + 10_000;
        report(poll(10_000, "rendering")); // unchanged: waits for the 15 s heartbeat
        now = T + 17_600;
        report(poll(17_600, "rendering"));
        now = T + 17_700;
        report(poll(17_700, "rendering", true));
        expect(seen).toEqual([
            ["waiting for op-1", `OperationCancellation: ${NAME}: still running after 0ms (running)`],
            ["waiting for op-1: rendering", `OperationCancellation: ${NAME}: still running after 2.5s (rendering)`],
            ["waiting for op-1: rendering", `OperationCancellation: ${NAME}: still running after 17.6s (rendering)`],
        ]);
    });

    test("the command line's lines are unchanged, the done line included", () => {
        const lines: string[] = [];
        const report = progressReporter("cancel", (l) => lines.push(l), () => 5000);
        report(poll(5000, undefined, true));
        expect(lines).toEqual([`cancel: ${NAME}: done after 5.0s (done)`]);
    });
});

describe("Pulumi's dynamic-provider host sends progress to the engine that started it", () => {
    let emu: OperationsEmulator;
    let url: string;
    let engine: FakeEngine;
    let program: ProgramDir;
    let host: HostClient;
    const config = { "gcp:accessToken": TOKEN };

    beforeAll(async () => {
        emu = new OperationsEmulator();
        url = await emu.start();
        engine = await startFakeEngine();
        program = createProgramDir({ project: "progress-host" });
        host = await startHost({ cwd: program.dir, engineAddress: engine.address });
        await host.configure(config);
    });
    afterAll(async () => {
        await host?.stop();
        await engine?.stop();
        await emu?.stop();
        program?.cleanup();
    });

    test("statuses on each resource's URN, one lasting outcome per resource, nothing on stdout", async () => {
        const op = "projects/my-proj/locations/us-central1/operations/operation-host-1";
        emu.add({ name: op, cancelTakesMs: 1500, metadata: { statusMessage: "rendering manifests" } });
        emu.add({ name: "projects/my-proj/locations/us-west1/operations/operation-host-2", cancelTakesMs: 500 });
        const eng = new EngineSimulator(host, { project: "progress-host", stack: "dev", config, secretKeys: ["gcp:accessToken"] });
        await eng.up(() => {
            new OperationCancellation("stuck", { operation: op, service: "clouddeploy", endpoint: url, timeout: "30s" });
            new OperationSweep("leftovers", { parent: "projects/my-proj/locations/us-west1", service: "clouddeploy", endpoint: url, timeout: "30s" });
        });
        const urnOf = (name: string) => [...eng.state.keys()].find((u) => u.endsWith(`::${name}`))!;
        const of = (name: string) => engine.logs.filter((l) => l.urn === urnOf(name));
        expect(of("stuck")).toEqual([
            { severity: INFO, message: "waiting for operation-host-1: rendering manifests", urn: urnOf("stuck"), streamid: 0, ephemeral: true },
            { severity: INFO, message: expect.stringMatching(new RegExp(`^CANCELLED: ${op} was cancelled \\(\\d`)), urn: urnOf("stuck"), streamid: 0, ephemeral: false },
        ]);
        const sweep = of("leftovers");
        expect(sweep[0]).toMatchObject({ message: `sweeping projects/my-proj/locations/us-west1 (${url})`, ephemeral: true });
        expect(sweep.filter((l) => !l.ephemeral).map((l) => l.message)).toEqual(["projects/my-proj/locations/us-west1: 1 running operation matched of 1 listed: 1 cancelled"]);
        expect(engine.logs.every((l) => l.urn !== "")).toBe(true);
        expect(host.stdout.filter((l) => /Operation(Cancellation|Sweep):/.test(l))).toEqual([]);
        // The URN is recorded in the outputs too, for refresh and delete.
        expect(eng.outputsOf("stuck")).toMatchObject({ __urn: urnOf("stuck") });
    });
});

describeRealEngine("progress in the pulumi display", (cli) => {
    const ctx = useRealEngineStack(cli);
    const newStack = (program: string) => ctx.newStack({ program });

    const mustSucceed = (r: CommandResult): CommandResult => {
        if (r.code !== 0) throw new Error(`pulumi exited ${r.code ?? r.signal}:\n${r.output}`);
        return r;
    };

    test("up: statuses on the resources' rows, outcomes listed under the resources (none under the stack); a second up changes nothing", async () => {
        const op = "projects/my-proj/locations/us-central1/operations/operation-render-1";
        const parent = "projects/my-proj/locations/us-west1";
        ctx.emu.add({ name: op, cancelTakesMs: 3000, metadata: { statusMessage: "rendering manifests" } });
        ctx.emu.add({ name: `${parent}/operations/operation-a`, cancelTakesMs: 2500 });
        ctx.emu.add({ name: `${parent}/operations/operation-b`, cancelTakesMs: 1000 });
        const s = await newStack(`"use strict";
const pulumi = require("@pulumi/pulumi");
const { OperationCancellation, OperationSweep } = require("pulumi-gcp-operations");
const blockedProvider = { async create(inputs) { return { id: "blocked", outs: inputs }; } };
class Blocked extends pulumi.dynamic.Resource {
    constructor(name, opts) { super(blockedProvider, name, {}, opts, "gcpops-test", "Blocked"); }
}
// A component holding the cancellation and a sibling ordered after it (the teardown pattern).
class Group extends pulumi.ComponentResource {
    constructor(name) {
        super("gcpops:test:Group", name, {}, {});
        this.stuck = new OperationCancellation("stuck", { operation: ${JSON.stringify(op)}, service: "clouddeploy", endpoint: ${JSON.stringify(ctx.url)}, timeout: "30s" }, { parent: this });
        new Blocked("blocked", { parent: this, dependsOn: [this.stuck] });
        this.registerOutputs({});
    }
}
const stuck = new Group("group").stuck;
const sweep = new OperationSweep("leftovers", { parent: ${JSON.stringify(parent)}, service: "clouddeploy", endpoint: ${JSON.stringify(ctx.url)}, timeout: "30s" });
exports.outcome = stuck.outcome;
exports.cancelled = sweep.counts.apply((c) => c.cancelled);
`);
        const up = mustSucceed(await s.up());
        const out = up.stdout;
        // Statuses on the resources' own rows.
        expect(out).toMatch(new RegExp(`${CANCELLATION} stuck creating \\(\\d+s\\) waiting for operation-render-1: rendering manifests`));
        expect(out).toMatch(new RegExp(`${SWEEP} leftovers creating \\(\\d+s\\) sweeping ${parent} \\(`));
        // Outcomes under the resources in the Diagnostics; nothing under the stack.
        const diag = diagnostics(out);
        expect([...diag.keys()].sort()).toEqual([`${CANCELLATION} (stuck)`, `${SWEEP} (leftovers)`]);
        expect(diag.get(`${CANCELLATION} (stuck)`)).toEqual([expect.stringMatching(new RegExp(`^CANCELLED: ${op} was cancelled \\(\\d`))]);
        expect(diag.get(`${SWEEP} (leftovers)`)).toEqual([`${parent}: 2 running operations matched of 2 listed: 2 cancelled`]);
        expect(out).not.toMatch(/pulumi:pulumi:Stack .*messages?/);
        expect(out).not.toMatch(/Operation(Cancellation|Sweep): /);
        // The hidden URN is the engine's, parent chain included, in inputs and outputs; it adds no
        // dependency (on the component, it would mean on every sibling: "blocked" would deadlock).
        const state = await s.resource(":OperationCancellation", "stuck");
        expect(state.urn).toContain("gcpops:test:Group$");
        expect(state.inputs!.__urn).toBe(state.urn);
        expect(state.outputs!.__urn).toBe(state.urn);
        expect(state.dependencies ?? []).toEqual([]);
        expect((await s.resource(":Blocked", "blocked")).dependencies).toEqual([state.urn]);

        const before = ctx.emu.count();
        const again = mustSucceed(await s.up());
        expect(again.stdout).not.toContain("Diagnostics:");
        expect(again.stdout).toMatch(/5 unchanged/);
        expect(await s.lastChanges()).toEqual({ same: 5 });
        expect(ctx.emu.count()).toBe(before);
    });

    test("destroy reports under the resource; a stack written without the hidden URN changes nothing on up and reports as before", async () => {
        const fresh = "projects/my-proj/locations/us-central1/operations/operation-fresh";
        const legacy = "projects/my-proj/locations/us-central1/operations/operation-legacy";
        ctx.emu.add({ name: fresh, cancelTakesMs: 500 });
        ctx.emu.add({ name: legacy, cancelTakesMs: 500 });
        const s = await newStack(`"use strict";
const { OperationCancellation } = require("pulumi-gcp-operations");
for (const [name, operation] of [["fresh", ${JSON.stringify(fresh)}], ["legacy", ${JSON.stringify(legacy)}]]) {
    new OperationCancellation(name, { operation, service: "clouddeploy", endpoint: ${JSON.stringify(ctx.url)}, cancelOn: "delete", timeout: "30s" });
}
`);
        mustSucceed(await s.up());
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(0);

        // Make "legacy" look as an older version recorded it: no __urn in inputs or outputs.
        const exported = await s.exportState();
        for (const r of exported.deployment.resources ?? []) {
            if (r.urn.endsWith("::legacy")) {
                delete r.inputs!.__urn;
                delete r.outputs!.__urn;
            }
        }
        const file = path.join(s.program.dir, "state.json");
        fs.writeFileSync(file, JSON.stringify(exported));
        await s.ok(["stack", "import", "--file", file]);

        const before = ctx.emu.count();
        const up = mustSucceed(await s.up());
        expect(up.stdout).toMatch(/3 unchanged/);
        expect(await s.lastChanges()).toEqual({ same: 3 });
        expect(ctx.emu.count()).toBe(before);

        const destroy = mustSucceed(await s.destroy());
        expect(ctx.emu.count({ rpc: "cancel" })).toBe(2);
        const diag = diagnostics(destroy.stdout);
        expect(diag.get(`${CANCELLATION} (fresh)`)).toEqual([expect.stringMatching(new RegExp(`^CANCELLED: ${fresh} was cancelled \\(`))]);
        // No URN known for "legacy": its line is a message of the stack, as every line was before.
        const stackSection = [...diag.entries()].find(([k]) => k.startsWith("pulumi:pulumi:Stack"));
        expect(stackSection?.[1]).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^OperationCancellation: CANCELLED: ${legacy} was cancelled \\(`))]));
        expect(diag.has(`${CANCELLATION} (legacy)`)).toBe(false);
    });
});
