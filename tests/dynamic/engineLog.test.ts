/**
 * The engine log client in-process, against a real gRPC server implementing `pulumirpc.Engine`'s `Log`
 * on loopback (the real engine's display is checked in tests/engine/progress.test.ts): what each message
 * carries, their order, when the engine is given up, the idle close, and which processes are a host.
 */
import * as grpc from "@grpc/grpc-js";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { connectEngineLog, hostEngineAddress, hostEngineLog } from "../../provider/dynamic/engineLog";

interface Received {
    severity: number;
    message: string;
    urn: string;
    streamId: number;
    ephemeral: boolean;
}

interface FakeEngine {
    address: string;
    received: Received[];
    /** How the next calls are answered: ok, a gRPC status code, or never (the deadline decides). */
    answers: Array<"ok" | "never" | grpc.status>;
    /** Connections opened so far. */
    connections(): number;
    stop(): Promise<void>;
}

async function startEngine(): Promise<FakeEngine> {
    const server = new grpc.Server();
    const received: Received[] = [];
    const answers: FakeEngine["answers"] = [];
    const held: Array<() => void> = [];
    let connections = 0;
    server.addService(engineGrpc.EngineService, {
        log(call: grpc.ServerUnaryCall<engineProto.LogRequest, Empty>, callback: grpc.sendUnaryData<Empty>) {
            const req = call.request;
            received.push({ severity: req.getSeverity(), message: req.getMessage(), urn: req.getUrn(), streamId: req.getStreamid(), ephemeral: req.getEphemeral() });
            const answer = answers.shift() ?? "ok";
            if (answer === "ok") callback(null, new Empty());
            else if (answer === "never") held.push(() => callback(null, new Empty()));
            else callback({ code: answer, details: "refused by the test" });
        },
    } as unknown as grpc.UntypedServiceImplementation);
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    // A count of the HTTP/2 sessions the server accepted: one per client connection.
    const http2Server = (server as unknown as { http2Servers: Map<unknown, unknown> }).http2Servers;
    for (const s of http2Server.keys() as Iterable<{ on(event: string, fn: () => void): void }>) s.on("session", () => connections++);
    return {
        address: `127.0.0.1:${port}`,
        received,
        answers,
        connections: () => connections,
        stop: () =>
            new Promise<void>((resolve) => {
                for (const release of held) release();
                server.tryShutdown(() => resolve());
                setTimeout(() => server.forceShutdown(), 500).unref();
            }),
    };
}

const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationCancellation::stale";

describe("connectEngineLog", () => {
    let engine: FakeEngine;
    beforeEach(async () => {
        engine = await startEngine();
    });
    afterEach(() => engine.stop());

    test("each message reaches the engine with its severity, text, URN, stream and ephemeral flag, in the order sent", async () => {
        const log = connectEngineLog(engine.address);
        const results = await Promise.all([
            log.send({ severity: "debug", message: "one", urn: URN }),
            log.send({ severity: "info", message: "two", urn: URN, ephemeral: true }),
            log.send({ severity: "warning", message: "three", urn: "", streamId: 7 }),
            log.send({ severity: "error", message: "four", urn: URN, ephemeral: false, streamId: 0 }),
        ]);
        log.close();
        expect(results).toEqual([true, true, true, true]);
        const S = engineProto.LogSeverity;
        expect(engine.received).toEqual([
            { severity: S.DEBUG, message: "one", urn: URN, streamId: 0, ephemeral: false },
            { severity: S.INFO, message: "two", urn: URN, streamId: 0, ephemeral: true },
            { severity: S.WARNING, message: "three", urn: "", streamId: 7, ephemeral: false },
            { severity: S.ERROR, message: "four", urn: URN, streamId: 0, ephemeral: false },
        ]);
        expect(log.usable).toBe(true);
        expect(log.address).toBe(engine.address);
    });

    test("UNAVAILABLE or UNIMPLEMENTED gives the engine up: false, and later messages are not even tried", async () => {
        for (const code of [grpc.status.UNAVAILABLE, grpc.status.UNIMPLEMENTED]) {
            engine.received.length = 0;
            engine.answers.push(code);
            const log = connectEngineLog(engine.address);
            expect(await log.send({ severity: "info", message: "refused", urn: URN })).toBe(false);
            expect(log.usable).toBe(false);
            expect(await log.send({ severity: "info", message: "never sent", urn: URN })).toBe(false);
            expect(engine.received.map((r) => r.message)).toEqual(["refused"]);
        }
    });

    test("another error is false for that message only: the next one is delivered", async () => {
        engine.answers.push(grpc.status.INTERNAL);
        const log = connectEngineLog(engine.address);
        expect(await log.send({ severity: "info", message: "a", urn: URN })).toBe(false);
        expect(log.usable).toBe(true);
        expect(await log.send({ severity: "info", message: "b", urn: URN })).toBe(true);
        log.close();
        expect(engine.received.map((r) => r.message)).toEqual(["a", "b"]);
    });

    test("two missed deadlines in a row give the engine up; one, followed by a delivery, does not", async () => {
        const log = connectEngineLog(engine.address, { deadlineMs: 150 });
        engine.answers.push("never", "ok", "never", "never");
        expect(await log.send({ severity: "info", message: "late 1", urn: URN })).toBe(false);
        expect(log.usable).toBe(true);
        expect(await log.send({ severity: "info", message: "on time", urn: URN })).toBe(true);
        expect(await log.send({ severity: "info", message: "late 2", urn: URN })).toBe(false);
        expect(log.usable).toBe(true);
        expect(await log.send({ severity: "info", message: "late 3", urn: URN })).toBe(false);
        expect(log.usable).toBe(false);
        expect(await log.send({ severity: "info", message: "not tried", urn: URN })).toBe(false);
        expect(engine.received.map((r) => r.message)).toEqual(["late 1", "on time", "late 2", "late 3"]);
    });

    test("another error between two missed deadlines breaks the run: the engine is kept", async () => {
        const log = connectEngineLog(engine.address, { deadlineMs: 150 });
        engine.answers.push("never", grpc.status.INTERNAL, "never");
        for (const message of ["late 1", "refused", "late 2"]) expect(await log.send({ severity: "info", message, urn: URN })).toBe(false);
        expect(log.usable).toBe(true);
        expect(await log.send({ severity: "info", message: "delivered", urn: URN })).toBe(true);
        log.close();
    });

    test("flush waits for every message sent before it", async () => {
        const log = connectEngineLog(engine.address, { deadlineMs: 2_000 });
        for (let i = 0; i < 5; i++) void log.send({ severity: "info", message: `m${i}`, urn: URN });
        await log.flush();
        log.close();
        expect(engine.received.map((r) => r.message)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    });

    test("the client closes after the idle time and a later message opens a new connection", async () => {
        const log = connectEngineLog(engine.address, { idleCloseMs: 100 });
        expect(await log.send({ severity: "info", message: "first", urn: URN })).toBe(true);
        const opened = engine.connections();
        expect(opened).toBe(1);
        await new Promise((r) => setTimeout(r, 400));
        expect(await log.send({ severity: "info", message: "second", urn: URN })).toBe(true);
        log.close();
        expect(engine.connections()).toBe(2);
    });

    test("a client used within the idle time keeps its one connection", async () => {
        const log = connectEngineLog(engine.address, { idleCloseMs: 1_000 });
        for (let i = 0; i < 3; i++) {
            expect(await log.send({ severity: "info", message: `m${i}`, urn: URN })).toBe(true);
            await new Promise((r) => setTimeout(r, 100));
        }
        log.close();
        expect(engine.connections()).toBe(1);
    });

    test("gRPC modules that cannot be loaded make the log unusable without throwing", async () => {
        const log = connectEngineLog(engine.address, {
            load: () => {
                throw new Error("no grpc here");
            },
        });
        expect(await log.send({ severity: "info", message: "x", urn: URN })).toBe(false);
        expect(log.usable).toBe(false);
        expect(engine.received).toEqual([]);
    });

    test("a client whose call throws resolves false and stays usable", async () => {
        const log = connectEngineLog(engine.address, {
            load: () => ({
                grpc,
                engineProto,
                engineGrpc: {
                    EngineClient: class {
                        log(): never {
                            throw new Error("broken stub");
                        }
                        close(): void {}
                    } as unknown as typeof engineGrpc.EngineClient,
                },
            }),
        });
        expect(await log.send({ severity: "info", message: "x", urn: URN })).toBe(false);
        expect(log.usable).toBe(true);
    });
});

describe("hostEngineAddress", () => {
    const HOST = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider";
    test.each([
        [["node", HOST, "127.0.0.1:43121"], "127.0.0.1:43121"],
        [["node", `${HOST}/index.js`, "--logtostderr", "-v=9", "localhost:5000"], "localhost:5000"],
        [["node", `${HOST}/index`, "[::1]:6000"], "[::1]:6000"],
        [["node", "C:\\app\\node_modules\\@pulumi\\pulumi\\cmd\\dynamic-provider", "127.0.0.1:1"], "127.0.0.1:1"],
    ])("%j is a host whose engine is at %s", (argv, address) => {
        expect(hostEngineAddress(argv)).toBe(address);
    });

    test.each([
        [["node", HOST]],
        [["node"]],
        [["node", "/app/bin/pulumi-gcp-operations", "127.0.0.1:1"]],
        [["node", `${HOST}-other`, "127.0.0.1:1"]],
        [["node", `/x${HOST}/more`, "127.0.0.1:1"]],
        [["node", HOST, "not an address"]],
        [["node", HOST, "127.0.0.1:123456"]],
        [["node", HOST, "host:port"]],
        [["node", HOST, "127.0.0.1:1", "--trailing"]],
    ])("%j is not", (argv) => {
        expect(hostEngineAddress(argv)).toBeUndefined();
    });

    test("the default is this process's own arguments: a jest worker is not a host", () => {
        expect(hostEngineAddress()).toBeUndefined();
        expect(hostEngineLog()).toBeUndefined();
    });
});
