/**
 * OperationSweep through Pulumi's own dynamic-provider host (gRPC), the real runtime resolved from a
 * program directory, and the emulator over HTTP: create, idempotence, triggers, selection changes,
 * teardown on delete, dry run, partial failure, refresh, check failures and preview unknowns.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationSweep, type OperationSweepArgs } from "../../provider";
import { trampolineProvider } from "../../provider/dynamic/trampoline";
import { OperationsEmulator } from "../../provider/testing";
import { HostCallError, startHost, urnFor, type HostClient, type Props } from "../support/host";
import { runProgram } from "../support/mockProgram";
import { createProgramDir, type ProgramDir } from "../support/programDir";
import { PARENT, PROJECT, LOCATION, many, op, sleep } from "./support/helpers";

const SECRET = "ya29.sweep-secret-7f3e2d1c";
const TYPE = "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationSweep";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const STACK = "dev";

describe("OperationSweep through the dynamic-provider host", () => {
    let program: ProgramDir;
    let host: HostClient;
    /** A host whose stack config holds gcp:project, gcp:region and gcp:accessToken, as delete and refresh need. */
    let stackHost: HostClient;
    let emu: OperationsEmulator;
    let url: string;
    let provider: string;
    let n = 0;

    beforeAll(async () => {
        program = createProgramDir();
        host = await startHost({ cwd: program.dir });
        await host.configure({});
        stackHost = await startHost({ cwd: program.dir });
        await stackHost.configure({ "gcp:project": PROJECT, "gcp:region": LOCATION, "gcp:accessToken": SECRET });
        const p = trampolineProvider("sweep");
        provider = (await pulumi.runtime.serializeFunction(() => p, { allowSecrets: true })).text;
    });
    // After each test, so that a test run alone is checked too; guarded, so that a failed beforeAll is what is reported.
    afterEach(() => {
        expect(host?.output() ?? "").not.toContain(SECRET);
        expect(stackHost?.output() ?? "").not.toContain(SECRET);
    });

    afterAll(async () => {
        await host?.stop();
        await stackHost?.stop();
        program?.cleanup();
    });
    beforeEach(async () => {
        emu = new OperationsEmulator({ tokens: [SECRET] });
        url = await emu.start();
    });
    afterEach(async () => {
        await emu.stop();
    });

    const urn = () => urnFor(TYPE, `sweep-${++n}`, program.project, STACK);
    const inputs = (extra: Props = {}): Props => ({ __provider: provider, parent: PARENT, endpoint: url, accessToken: SECRET, ...extra });

    /** Check then Create, as the engine does for a new resource. */
    async function create(u: string, props: Props, h = host): Promise<{ id: string; state: Props; news: Props }> {
        const checked = await h.check(u, {}, props);
        expect(checked.failures).toEqual([]);
        const created = await h.create(u, checked.inputs);
        return { id: created.id, state: created.properties, news: checked.inputs };
    }

    /** Check, Diff and (when it changes without replacement) Update, as the engine does on a later `up`. */
    async function up(u: string, id: string, state: Props, props: Props): Promise<{ diff: Awaited<ReturnType<HostClient["diff"]>>; state: Props }> {
        const checked = await host.check(u, state, props);
        expect(checked.failures).toEqual([]);
        const diff = await host.diff(id, u, state, checked.inputs);
        if (diff.changes !== "DIFF_SOME" || diff.replaces.length > 0) return { diff, state };
        return { diff, state: await host.update(id, u, state, checked.inputs) };
    }

    test("a program's sweep cancels the selected operations; outputs reach the program; the token never shows", async () => {
        emu.addMany(
            ...many(3, "web", { target: `projects/${PROJECT}/locations/${LOCATION}/deliveryPipelines/web` }),
            { name: op("api-1"), target: `projects/${PROJECT}/locations/${LOCATION}/deliveryPipelines/api` },
            { name: op("web-done"), target: `projects/${PROJECT}/locations/${LOCATION}/deliveryPipelines/web`, doneAfterMs: 0 },
        );
        const args: OperationSweepArgs = { parent: PARENT, endpoint: url, accessToken: SECRET, target: `projects/${PROJECT}/locations/${LOCATION}/deliveryPipelines/web` };
        const run = await runProgram(
            () => {
                const sweep = new OperationSweep("web-ops", args);
                return { cancelled: sweep.cancelled, counts: sweep.counts, message: sweep.message, failures: sweep.failures, lastSweptAt: sweep.lastSweptAt };
            },
            {
                project: program.project,
                stack: STACK,
                onNewResource: async (res) => {
                    const created = await create(res.urn, res.inputs);
                    return { id: created.id, state: created.state };
                },
            },
        );
        const [res] = run.dynamicResources;
        expect(res.type).toBe(TYPE);
        expect(run.outputs.cancelled).toEqual(many(3, "web").map((o) => o.name));
        expect(run.outputs.counts).toEqual({ listed: 5, matched: 3, cancelled: 3, alreadyDone: 0, ended: 0, running: 0, failed: 0, skipped: 0 });
        expect(run.outputs.failures).toEqual([]);
        expect(run.outputs.message).toBe(`${PARENT}: 3 running operations matched of 5 listed: 3 cancelled`);
        expect(typeof run.outputs.lastSweptAt).toBe("string");
        expect(emu.get(op("api-1"))?.done).toBeUndefined();
        expect(JSON.stringify(run.outputs)).not.toContain(SECRET);
        expect(host.stdout).toContain(`OperationSweep: sweeping ${PARENT} (${url})`);
    });

    test("a second up with the same inputs sends zero requests; triggers and selection changes sweep again; parent changes replace", async () => {
        emu.addMany(...many(4, "first"));
        const u = urn();
        const first = await create(u, inputs({ triggers: ["v1"] }));
        expect(first.state).toMatchObject({ parent: PARENT, endpoint: url, matched: many(4, "first").map((o) => o.name), stillRunning: [], failures: [] });
        expect(first.state).not.toHaveProperty("accessToken");
        expect(JSON.stringify(first.state)).not.toContain(SECRET);

        emu.resetLog();
        emu.addMany(...many(2, "later"));
        const again = await up(u, first.id, first.state, inputs({ triggers: ["v1"] }));
        expect(again.diff.changes).toBe("DIFF_NONE");
        expect(emu.count()).toBe(0);

        const triggered = await up(u, first.id, first.state, inputs({ triggers: ["v2"] }));
        expect(triggered.diff).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
        expect(triggered.state.cancelled).toEqual(many(2, "later").map((o) => o.name));
        expect(triggered.state.triggers).toEqual(["v2"]);
        expect(emu.count({ rpc: "list" })).toBe(1);

        emu.resetLog();
        emu.add({ name: op("by-verb"), verb: "delete" });
        const narrowed = await up(u, first.id, triggered.state, inputs({ triggers: ["v2"], verbs: ["delete"] }));
        expect(narrowed.diff.changes).toBe("DIFF_SOME");
        expect(narrowed.state.matched).toEqual([op("by-verb")]);

        emu.resetLog();
        const settingsOnly = await up(u, first.id, narrowed.state, inputs({ triggers: ["v2"], verbs: ["delete"], maxConcurrency: 2 }));
        expect(settingsOnly.diff.changes).toBe("DIFF_SOME");
        expect(settingsOnly.state).toMatchObject({ maxConcurrency: 2, matched: [op("by-verb")] });
        expect(emu.count()).toBe(0);

        const moved = await host.diff(first.id, u, settingsOnly.state, (await host.check(u, settingsOnly.state, inputs({ parent: `projects/${PROJECT}/locations/europe-west1` }))).inputs);
        expect(moved).toMatchObject({ changes: "DIFF_SOME", replaces: ["parent"] });
        expect(emu.count()).toBe(0);
    });

    test('cancelOn "delete": create sends nothing, delete cancels what still runs against the cluster', async () => {
        const cluster = `projects/${PROJECT}/locations/${LOCATION}/awsClusters/prod`;
        emu.addMany(
            { name: op("cluster-update"), service: "gkemulticloud", target: cluster, verb: "update" },
            { name: op("other-cluster"), service: "gkemulticloud", target: `${cluster}-2`, verb: "update" },
        );
        const u = urn();
        // Delete gets the recorded outputs only: the token comes from stack config (an accessToken input is never stored).
        const created = await create(u, inputs({ target: cluster, cancelOn: "delete" }), stackHost);
        expect(emu.count()).toBe(0);
        expect(created.state).toMatchObject({ cancelOn: "delete", matched: [], lastSweptAt: null });
        expect(String(created.state.message)).toContain("runs when the resource is deleted");

        await stackHost.delete(created.id, u, created.state);
        expect(emu.get(op("cluster-update"))?.error?.code).toBe(1);
        expect(emu.get(op("other-cluster"))?.done).toBeUndefined();
        expect(emu.count({ rpc: "cancel" })).toBe(1);
        expect(stackHost.stdout.some((l) => l.includes(`OperationSweep: ${PARENT}: 1 running operation matched of 2 listed: 1 cancelled`))).toBe(true);
    });

    test("dryRun lists only, and turning it off sweeps for real", async () => {
        emu.addMany(...many(3, "dry"));
        const u = urn();
        const created = await create(u, inputs({ dryRun: true }));
        expect(created.state).toMatchObject({ dryRun: true, matched: many(3, "dry").map((o) => o.name), cancelled: [], counts: { skipped: 3 } });
        expect(emu.count({ rpc: "cancel" })).toBe(0);
        expect(emu.count({ rpc: "get" })).toBe(0);

        const real = await up(u, created.id, created.state, inputs({ dryRun: false }));
        expect(real.state.cancelled).toEqual(many(3, "dry").map((o) => o.name));
        expect(emu.count({ rpc: "cancel" })).toBe(3);
    });

    test("partial failure: the step fails naming each failed operation and the fix, records what it did, and sweeps again on the next up", async () => {
        emu.addMany(...many(3, "fine"), { name: op("locked"), denied: ["cancel"] }, { name: op("legacy"), unimplemented: true });
        const u = urn();
        const checked = await host.check(u, {}, inputs());
        const err = (await host.create(u, checked.inputs).catch((e: unknown) => e)) as HostCallError;
        expect(err).toBeInstanceOf(HostCallError);
        expect(err.message).toContain("2 of 5 matched operations failed");
        expect(err.message).toContain(`${op("locked")}: `);
        expect(err.message).toContain("PERMISSION_DENIED");
        expect(err.message).toContain('ifFailures: "ignore"');
        expect(err.message).not.toContain(SECRET);
        const state = err.initFailure!.properties;
        expect(state.cancelled).toEqual(many(3, "fine").map((o) => o.name));
        expect(state.failures).toEqual([
            expect.objectContaining({ name: op("legacy"), httpStatus: 501, status: "UNIMPLEMENTED" }),
            expect.objectContaining({ name: op("locked"), httpStatus: 403, status: "PERMISSION_DENIED" }),
        ]);

        const diff = await host.diff(err.initFailure!.id, u, state, checked.inputs);
        expect(diff.changes).toBe("DIFF_SOME");

        const ignored = await up(u, err.initFailure!.id, state, inputs({ ifFailures: "ignore" }));
        expect(ignored.state).toMatchObject({ ifFailures: "ignore", counts: { matched: 2, failed: 2 } });
    });

    test("refresh re-reads only the operations left running, and sends nothing when none were", async () => {
        emu.addMany(...many(2, "slow", { cancelTakesMs: 300 }));
        const u = urn();
        const created = await create(u, inputs({ wait: false }), stackHost);
        expect(created.state.stillRunning).toEqual(many(2, "slow").map((o) => o.name));
        await sleep(350);
        emu.resetLog();
        const read = await stackHost.read(created.id, u, created.state);
        expect(read.properties).toMatchObject({ stillRunning: [], cancelled: many(2, "slow").map((o) => o.name), counts: { running: 0, cancelled: 2 } });
        expect(emu.count({ rpc: "list" })).toBe(0);
        expect(emu.count({ rpc: "get" })).toBe(2);

        emu.resetLog();
        const again = await stackHost.read(created.id, u, read.properties);
        expect(again.properties).toEqual(read.properties);
        expect(emu.count()).toBe(0);
    });

    test("check names each bad property and its fix, and makes no request", async () => {
        const u = urn();
        const bad = await host.check(u, {}, inputs({
            parent: "projects/x",
            verbs: ["create", 7],
            olderThan: "soon",
            cancelOn: "never",
            maxConcurrency: 0,
            timeout: "0s",
            ifFailures: "maybe",
            dryRun: "yes",
            target: 5,
        }));
        const byProperty = Object.fromEntries(bad.failures.map((f) => [f.property, f.reason]));
        expect(Object.keys(byProperty).sort()).toEqual(["cancelOn", "dryRun", "ifFailures", "maxConcurrency", "olderThan", "parent", "target", "timeout", "verbs"]);
        expect(byProperty.parent).toMatch(/has an invalid project "x": it is 1 character long; a project id is 6 to 30 characters/);
        expect(byProperty.verbs).toContain("verbs[1]");
        expect(byProperty.olderThan).toContain('such as "90s"');
        expect(byProperty.maxConcurrency).toContain("from 1 to 64");
        expect(byProperty.timeout).toContain("longer than zero");

        const missing = await host.check(u, {}, { __provider: provider, endpoint: url });
        expect(missing.failures).toEqual([{ property: "parent", reason: expect.stringContaining("set parent to projects/{project}/locations/{location}, or set project (or gcp:project / GOOGLE_PROJECT) and location") }]);
        const noService = await host.check(u, {}, { __provider: provider, parent: PARENT });
        expect(noService.failures).toEqual([{ property: "service", reason: expect.stringContaining("service is required") }]);
        expect(emu.count()).toBe(0);
    });

    test.each([
        [{ timeout: 90 }, "timeout", /the number 90 \(write "90s"/],
        [{ olderThan: 1800 }, "olderThan", /the number 1800 \(write "1800s"/],
        [{ universeDomain: "not a domain" }, "universeDomain", /is not a domain/],
        [{ impersonateServiceAccount: "deployer" }, "impersonateServiceAccount", /must be a service account email/],
        [{ quotaProject: "Bad Project!" }, "quotaProject", /must be a project id/],
    ])("check reports %j on its own property %s, and only there", async (bad, property, reason) => {
        const checked = await host.check(urn(), {}, inputs(bad));
        expect(checked.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    });

    test("parent from project and location in stack config", async () => {
        emu.add({ name: op("from-config") });
        const created = await create(urn(), { __provider: provider, endpoint: url }, stackHost);
        expect(created.state).toMatchObject({ parent: PARENT, parentInput: null, project: PROJECT, location: LOCATION, cancelled: [op("from-config")] });
    });

    test("preview: unknown inputs pass check; diff reports replace for an unknown parent and an update for unknown triggers; no request", async () => {
        emu.add({ name: op("prev") });
        const u = urn();
        const created = await create(u, inputs());
        emu.resetLog();
        const unknowns = await host.check(u, created.state, inputs({ parent: UNKNOWN, triggers: UNKNOWN, verbs: [UNKNOWN], maxConcurrency: UNKNOWN, olderThan: UNKNOWN }));
        expect(unknowns.failures).toEqual([]);
        expect(await host.diff(created.id, u, created.state, inputs({ parent: UNKNOWN }))).toMatchObject({ changes: "DIFF_SOME", replaces: ["parent"] });
        expect(await host.diff(created.id, u, created.state, inputs({ triggers: UNKNOWN }))).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
        expect(emu.count()).toBe(0);
    });
});
