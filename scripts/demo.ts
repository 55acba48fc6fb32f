/**
 * `npm run demo`: the quickstart end to end against the local Operations API emulator.
 *
 * 1. starts the emulator with the leftover operations of examples/quickstart/seed.json;
 * 2. runs examples/quickstart through a `pulumi` CLI if one is on PATH, otherwise through Pulumi's
 *    own dynamic-provider host (as the tests do), and says which;
 * 3. shows every operation before and after; runs `up` again (no request is sent); destroys.
 *
 * Exit code 0 when every step behaved as described, 1 with a one-line reason otherwise.
 * `GCPOPS_DEMO_ENGINE=host|cli` forces a path; `DEMO_DEBUG=1` adds stack traces to failures.
 */
import { OperationsEmulator, DEFAULT_TOKEN, type ScriptedOperation } from "../provider/testing";
import { parseOperationName, resolveEndpoint, type Operation } from "../provider";
import { withDeadline } from "./demo/deadline";
import { chooseEngine, type DemoEngine, type UpResult } from "./demo/engines";
import { prepareQuickstart, quickstartSeed, type QuickstartProgram } from "./demo/quickstart";
import { table } from "./demo/table";

/** The whole demo must be done by then, whatever happens. */
const OVERALL_DEADLINE_MS = 60_000;

const say = (line = ""): void => {
    process.stdout.write(`${line}\n`);
};

/** A fault in the demo's own expectations (as opposed to an error of a step). */
class DemoCheckError extends Error {}

function expectThat(ok: boolean, message: string): void {
    if (!ok) throw new DemoCheckError(message);
}

/** `RUNNING`, `CANCELLED`, `SUCCEEDED` or `FAILED (code)` as the emulator answers GetOperation now. */
function stateOf(op: Operation | undefined): string {
    if (!op) return "NOT_FOUND";
    if (!op.done) return (op.metadata as { requestedCancellation?: boolean } | undefined)?.requestedCancellation ? "RUNNING (cancel requested)" : "RUNNING";
    if (op.error) return op.error.code === 1 ? "CANCELLED" : `FAILED (code ${op.error.code})`;
    return "SUCCEEDED";
}

function googleHost(op: ScriptedOperation): string {
    return new URL(resolveEndpoint(parseOperationName(op.name), { service: op.service ?? "clouddeploy" }).baseUrl).host;
}

function describeSteps(steps: UpResult["steps"]): string {
    const parts = Object.entries(steps).map(([step, n]) => `${n} ${step === "same" ? "unchanged" : step === "create" ? "created" : step}`);
    return parts.length > 0 ? parts.join(", ") : "no changes";
}

function requestLine(emu: OperationsEmulator, since: number): { total: number; text: string } {
    const log = emu.requests.slice(since);
    const by = (rpc: string): number => log.filter((r) => r.rpc === rpc).length;
    return { total: log.length, text: `${log.length} requests (${by("cancel")} cancel, ${by("get")} get, ${by("list")} list)` };
}

async function run(emu: OperationsEmulator, quickstart: QuickstartProgram, engineHolder: { engine?: DemoEngine }): Promise<void> {
    const started = Date.now();
    const seed = await withDeadline("reading the seed", 5_000, quickstartSeed());
    const ops = seed.operations ?? [];
    const endpoint = await withDeadline("starting the emulator", 5_000, emu.start());
    emu.addMany(...ops);

    say("pulumi-gcp-operations demo: cancel leftover Google Cloud operations with Pulumi, against a local emulator");
    say();
    say(`Emulator   ${endpoint}  (Operations REST API; ${ops.length} leftover operations from examples/quickstart/seed.json)`);
    say(`Program    examples/quickstart/index.ts  (one OperationCancellation per operation)`);

    const engine = await withDeadline("starting the Pulumi engine path", 20_000, chooseEngine({ quickstart, endpoint, token: DEFAULT_TOKEN, stack: "demo" }));
    engineHolder.engine = engine;
    say(`Engine     ${engine.description}`);
    say();

    const before = new Map(ops.map((op) => [op.name, stateOf(emu.get(op.name))]));
    expectThat([...before.values()].every((s) => s === "RUNNING"), "the seeded operations should all be running before the first up");

    say("pulumi up  (first run: sends the cancels and waits until every operation is done)");
    const mark1 = emu.requests.length;
    const first = await withDeadline("the first pulumi up", 20_000, engine.up());
    const req1 = requestLine(emu, mark1);
    say(`  ${describeSteps(first.steps)}; emulator received ${req1.text}`);
    say();

    const rows = ops.map((op) => [
        parseOperationName(op.name).operation,
        op.service ?? "clouddeploy",
        googleHost(op),
        `${before.get(op.name)} → ${first.outcomes[op.name] ?? "(no output)"}`,
    ]);
    say(table(["OPERATION", "SERVICE", "ENDPOINT ON GOOGLE CLOUD", "BEFORE → AFTER"], rows));
    say("  (the endpoint each operation would use in production; here every request went to the emulator)");
    say();
    for (const op of ops) {
        const outcome = first.outcomes[op.name];
        expectThat(outcome === "CANCELLED", `${op.name}: expected outcome CANCELLED after the first up, got ${outcome ?? "no output"}`);
        expectThat(stateOf(emu.get(op.name)) === "CANCELLED", `${op.name}: the emulator reports ${stateOf(emu.get(op.name))}, not CANCELLED`);
        expectThat(emu.count({ rpc: "cancel", operation: op.name }) === 1, `${op.name}: expected exactly one cancel request, got ${emu.count({ rpc: "cancel", operation: op.name })}`);
    }

    say("pulumi up  (second run, same program: the outcomes are in the stack, nothing is sent twice)");
    const mark2 = emu.requests.length;
    const second = await withDeadline("the second pulumi up", 15_000, engine.up());
    const req2 = requestLine(emu, mark2);
    say(`  ${describeSteps(second.steps)}; emulator received ${req2.text}`);
    expectThat(req2.total === 0, `the second up sent ${req2.text}; expected none`);
    expectThat(Object.values(second.outcomes).every((o) => o === "CANCELLED"), "the second up should report every operation CANCELLED");
    say();

    say("pulumi destroy  (cancelOn defaults to create: destroying the records leaves Google alone)");
    const mark3 = emu.requests.length;
    const deleted = await withDeadline("pulumi destroy", 15_000, engine.destroy());
    const req3 = requestLine(emu, mark3);
    say(`  ${deleted} resources deleted; emulator received ${req3.text}`);
    expectThat(deleted === ops.length, `destroy deleted ${deleted} resources; expected ${ops.length}`);
    say();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    say(`Done in ${seconds} s: ${ops.length}/${ops.length} operations CANCELLED, second up sent 0 requests, destroy done.`);
    say("Next: examples/quickstart/README.md runs the same program with `pulumi up`; examples/ has two more stacks.");
}

async function main(): Promise<number> {
    const emu = new OperationsEmulator();
    const holder: { engine?: DemoEngine } = {};
    let quickstart: QuickstartProgram | undefined;
    const watchdog = setTimeout(() => {
        process.stderr.write(`\ndemo failed: not finished after ${OVERALL_DEADLINE_MS / 1000} s; giving up\n`);
        process.exit(2);
    }, OVERALL_DEADLINE_MS);
    try {
        quickstart = prepareQuickstart();
        await run(emu, quickstart, holder);
        return 0;
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        process.stderr.write(`\ndemo failed: ${message}\n`);
        if (process.env.DEMO_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
        else if (!(e instanceof DemoCheckError)) process.stderr.write("(set DEMO_DEBUG=1 for the stack trace)\n");
        return 1;
    } finally {
        await withDeadline("stopping the engine", 5_000, holder.engine?.close() ?? Promise.resolve()).catch(() => undefined);
        await withDeadline("stopping the emulator", 5_000, emu.stop()).catch(() => undefined);
        quickstart?.dir.cleanup();
        clearTimeout(watchdog);
    }
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    },
);
