/**
 * The engine log's client life in-process, with a stand-in EngineClient (the gRPC modules otherwise real):
 * the idle close counts from the last message, not the first; it waits for a message still in flight; its
 * timer does not hold the process open; and an engine given up is closed at once. Survivors of mutation
 * run 8 in engineLog.ts (docs/mutation.md).
 */
import * as grpc from "@grpc/grpc-js";
import type * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { connectEngineLog, type GrpcModules } from "../../provider/dynamic/engineLog";

const URN = "urn:pulumi:dev::proj::pulumi-gcp-operations:index:OperationCancellation::x";

type Callback = (err: grpc.ServiceError | null) => void;

/** Modules whose EngineClient answers each call as `answers` says (ok by default; "hold" keeps it pending). */
function standIn(answers: Array<"ok" | "hold" | grpc.status>): { load: () => GrpcModules; closes: () => number; held: Callback[] } {
    let closes = 0;
    const held: Callback[] = [];
    class EngineClient {
        log(_req: unknown, _md: unknown, _opts: unknown, cb: Callback): void {
            const answer = answers.shift() ?? "ok";
            if (answer === "ok") cb(null);
            else if (answer === "hold") held.push(cb);
            else cb(Object.assign(new Error("refused"), { code: answer, details: "refused", metadata: new grpc.Metadata() }));
        }
        close(): void {
            closes++;
        }
    }
    return {
        load: () => ({ grpc, engineProto, engineGrpc: { EngineClient: EngineClient as unknown as typeof engineGrpc.EngineClient } }),
        closes: () => closes,
        held,
    };
}

describe("the idle close", () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test("counts from the last message: a message within the idle time puts the close off", async () => {
        const s = standIn([]);
        const log = connectEngineLog("127.0.0.1:1", { idleCloseMs: 1_000, load: s.load });
        expect(await log.send({ severity: "info", message: "one", urn: URN })).toBe(true);
        await log.flush();
        await jest.advanceTimersByTimeAsync(600);
        expect(await log.send({ severity: "info", message: "two", urn: URN })).toBe(true);
        await log.flush();
        await jest.advanceTimersByTimeAsync(500); // 1.1 s after the first, 0.5 s after the last
        expect(s.closes()).toBe(0);
        await jest.advanceTimersByTimeAsync(500);
        expect(s.closes()).toBe(1);
    });

    test("waits for a message still in flight", async () => {
        const s = standIn(["ok", "hold"]);
        const log = connectEngineLog("127.0.0.1:1", { idleCloseMs: 1_000, deadlineMs: 60_000, load: s.load });
        expect(await log.send({ severity: "info", message: "one", urn: URN })).toBe(true);
        await log.flush();
        const second = log.send({ severity: "info", message: "two", urn: URN });
        await jest.advanceTimersByTimeAsync(1_500);
        expect(s.held).toHaveLength(1);
        expect(s.closes()).toBe(0);
        s.held[0]!(null);
        expect(await second).toBe(true);
        await log.flush();
        await jest.advanceTimersByTimeAsync(1_000);
        expect(s.closes()).toBe(1);
    });
});

test("the idle timer does not keep the process alive", async () => {
    const s = standIn([]);
    const timers: NodeJS.Timeout[] = [];
    const real = global.setTimeout;
    const spy = jest.spyOn(global, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
        const t = real(fn, ms);
        if (ms === 54_321) timers.push(t);
        return t;
    }) as typeof setTimeout);
    try {
        const log = connectEngineLog("127.0.0.1:1", { idleCloseMs: 54_321, load: s.load });
        expect(await log.send({ severity: "info", message: "one", urn: URN })).toBe(true);
        await log.flush();
        expect(timers).toHaveLength(1);
        expect(timers[0]!.hasRef()).toBe(false);
        log.close();
    } finally {
        spy.mockRestore();
    }
});

test("an engine given up (UNAVAILABLE) is closed at once, not at the idle time", async () => {
    const s = standIn([grpc.status.UNAVAILABLE]);
    const log = connectEngineLog("127.0.0.1:1", { idleCloseMs: 60_000, load: s.load });
    expect(await log.send({ severity: "info", message: "one", urn: URN })).toBe(false);
    expect(log.usable).toBe(false);
    expect(s.closes()).toBe(1);
    await log.flush();
    log.close();
    expect(s.closes()).toBe(1);
});
