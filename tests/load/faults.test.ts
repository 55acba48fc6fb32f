/**
 * Behaviour under faults, at scale: about 20 % of all requests answered 429 with Retry-After, 503, a reset
 * connection or a slow answer. 1,000 OperationCancellation resources in one dynamic-provider host, and a
 * sweep of 1,000: every operation ends with a recorded outcome, none is lost or hung, nothing is rejected
 * unhandled, and no operation gets more cancel POSTs than its failed cancel attempts plus one.
 */
import { OperationCancellation } from "../../provider";
import { OperationsClient } from "../../provider/google";
import { sweepOperations } from "../../provider/sweep";
import { OperationsEmulator, type FaultRule } from "../../provider/testing";
import { EngineSimulator } from "../support/engine";
import { startHost, type HostClient } from "../support/host";
import { createProgramDir, type ProgramDir } from "../support/programDir";

const COUNT = 1000;
const TOKEN = "emulator-token";

/** Four fault kinds of about 5 % each, 20 % of all requests together (the first rule that fires wins). */
const FAULTS: FaultRule[] = [
    { fault: { kind: "status", code: "RESOURCE_EXHAUSTED", retryAfterSeconds: 1 }, rate: 0.05 },
    { fault: { kind: "status", code: "UNAVAILABLE" }, rate: 0.05 / 0.95 },
    { fault: { kind: "reset" }, rate: 0.05 / 0.9 },
    { fault: { kind: "delay", ms: 300 }, rate: 0.05 / 0.85 },
];

interface Tally {
    requests: number;
    faulted: number;
    byFault: Record<string, number>;
}

function tally(emu: OperationsEmulator): Tally {
    const byFault: Record<string, number> = {};
    for (const r of emu.requests) if (r.fault) byFault[r.fault] = (byFault[r.fault] ?? 0) + 1;
    return { requests: emu.requests.length, faulted: emu.requests.filter((r) => r.fault && r.fault !== "delay").length, byFault };
}

/** Every operation got at most one more cancel POST than it had failed cancel attempts. */
function cancelPostsWithinBound(emu: OperationsEmulator, names: string[]): string[] {
    const offenders: string[] = [];
    for (const name of names) {
        const posts = emu.requests.filter((r) => r.rpc === "cancel" && r.operation === name);
        const failed = posts.filter((r) => r.status !== 200).length;
        if (posts.length > failed + 1) offenders.push(`${name}: ${posts.length} POSTs, ${failed} failed`);
    }
    return offenders;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => process.off("unhandledRejection", onUnhandled));

describe(`under ~20 % injected faults`, () => {
    let emu: OperationsEmulator;
    let url: string;

    beforeEach(async () => {
        emu = new OperationsEmulator({ randomSeed: 20261122 });
        url = await emu.start();
    });
    afterEach(async () => {
        await emu.stop();
    });

    test(`${COUNT} OperationCancellation resources in one provider host: every one ends CANCELLED, none cancelled twice`, async () => {
        const names = Array.from({ length: COUNT }, (_, i) => `projects/my-proj/locations/us-central1/operations/load-${i}`);
        for (const name of names) emu.add({ name, cancelTakesMs: 100 });
        for (const rule of FAULTS) emu.injectFault(rule);
        const program: ProgramDir = createProgramDir({ project: "gcpops-load" });
        const host: HostClient = await startHost({ cwd: program.dir });
        try {
            await host.configure({ "gcp:accessToken": TOKEN });
            const engine = new EngineSimulator(host, { project: "gcpops-load", stack: "dev", config: { "gcp:accessToken": TOKEN }, secretKeys: ["gcp:accessToken"] });
            const declare = () => {
                names.forEach((name, i) => new OperationCancellation(`c${i}`, { operation: name, service: "clouddeploy", endpoint: url, timeout: "2m" }));
            };
            const started = Date.now();
            // A step whose retries all failed leaves its resource for the next up (partially created when
            // its cancel was accepted): as a user would, run `pulumi up` again until everything is done.
            const ups: string[] = [];
            for (let attempt = 1; attempt <= 4; attempt++) {
                const error = await engine.up(declare).then(() => undefined, (e: unknown) => e as Error);
                const done = [...engine.state.values()].filter((e) => e.outputs.outcome === "CANCELLED" && !(e.initErrors?.length)).length;
                ups.push(`up ${attempt}: ${done} CANCELLED${error ? ` (failed: ${error.message.split("\n")[0]!.slice(0, 120)})` : ""}`);
                if (!error && done === COUNT) break;
            }
            const wallMs = Date.now() - started;
            const outcomes: Record<string, number> = {};
            for (const e of engine.state.values()) outcomes[String(e.outputs.outcome)] = (outcomes[String(e.outputs.outcome)] ?? 0) + 1;
            const t = tally(emu);
            process.stdout.write(
                `faults/resources: ${COUNT} operations, outcomes ${JSON.stringify(outcomes)}, ${t.requests} requests ` +
                    `(${t.faulted} failed and retried; by fault ${JSON.stringify(t.byFault)}), ${wallMs} ms; ${ups.join("; ")}\n`,
            );
            expect(outcomes).toEqual({ CANCELLED: COUNT });
            for (const name of names) expect(emu.get(name)).toMatchObject({ done: true, error: { code: 1 } });
            expect(cancelPostsWithinBound(emu, names)).toEqual([]);
            expect(t.faulted).toBeGreaterThan(COUNT * 0.4);
            expect(host.output()).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
            expect(unhandled).toEqual([]);
        } finally {
            await host.stop();
            program.cleanup();
        }
    }, 600_000);

    test(`a sweep of ${COUNT}: every operation has a recorded outcome, none cancelled twice`, async () => {
        const parent = "projects/my-proj/locations/us-central1";
        const names = Array.from({ length: COUNT }, (_, i) => `${parent}/operations/sweep-${String(i).padStart(4, "0")}`);
        for (const name of names) emu.add({ name, cancelTakesMs: 100 });
        for (const rule of FAULTS) emu.injectFault(rule);
        const client = new OperationsClient({ endpoint: url, service: "clouddeploy", credentials: { accessToken: TOKEN } });
        const started = Date.now();
        const result = await sweepOperations(client, { parent, selection: {}, maxConcurrency: 32, timeoutMs: 5 * 60_000 });
        const wallMs = Date.now() - started;
        const t = tally(emu);
        const outcomes: Record<string, number> = {};
        for (const item of result.items) outcomes[item.outcome] = (outcomes[item.outcome] ?? 0) + 1;
        process.stdout.write(
            `faults/sweep: ${COUNT} operations, outcomes ${JSON.stringify(outcomes)}, ${t.requests} requests ` +
                `(${t.faulted} failed and retried; by fault ${JSON.stringify(t.byFault)}), ${wallMs} ms\n`,
        );
        expect(result.complete).not.toBe(false);
        expect(result.items.map((i) => i.name).sort()).toEqual(names);
        // Each one either cancelled, or a failure reported with its cause (all retries of a call failed).
        for (const item of result.items) {
            if (item.outcome !== "CANCELLED") expect(item).toMatchObject({ outcome: "ERROR", error: { message: expect.any(String) } });
        }
        expect(outcomes.CANCELLED).toBeGreaterThan(COUNT * 0.98);
        expect(cancelPostsWithinBound(emu, names)).toEqual([]);
        expect(t.faulted).toBeGreaterThan(COUNT * 0.4);
        expect(unhandled).toEqual([]);
    }, 600_000);
});
