/**
 * End to end: mock program → real `__provider` (the trampoline) → Pulumi's dynamic-provider host over
 * gRPC → `pulumi-gcp-operations/runtime` resolved from the program dir → echo fixture → outputs back.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { trampolineProvider, type ResourceKind } from "../../provider/dynamic/trampoline";
import { startHost, urnFor, HostCallError, type HostClient, type Props } from "../support/host";
import { runProgram, ProgramRunError, type CapturedResource } from "../support/mockProgram";
import { createProgramDir, type ProgramDir } from "../support/programDir";
import { UNKNOWN } from "../support/fixtures/echoProvider";

const SECRET = "ya29.secret-token-0f9e8d7c";
const PROJECT = "harness";
const STACK = "dev";
const preload = [path.join(__dirname, "..", "support", "fixtures", "registerEcho.js")];

class Echo extends pulumi.dynamic.Resource {
    declare readonly message: pulumi.Output<string>;
    declare readonly project: pulumi.Output<string | null>;
    declare readonly hasToken: pulumi.Output<boolean>;
    constructor(name: string, args: { message: pulumi.Input<string>; zone?: string }, kind: ResourceKind = "cancellation") {
        super(trampolineProvider(kind), name, { ...args, project: undefined, hasToken: undefined }, {}, "gcpops", "Echo");
    }
}

/** Forwards a registration to the host like the engine does for a create: Check then Create. */
async function engineCreate(host: HostClient, res: CapturedResource): Promise<{ id: string; state: Props }> {
    const checked = await host.check(res.urn, {}, res.inputs);
    if (checked.failures.length > 0) {
        throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    }
    const created = await host.create(res.urn, checked.inputs);
    return { id: created.id, state: created.properties };
}

describe("dynamic-provider host harness", () => {
    let program: ProgramDir;
    let host: HostClient;

    beforeAll(async () => {
        program = createProgramDir({ project: PROJECT });
        host = await startHost({ cwd: program.dir, preload });
    });
    afterAll(async () => {
        await host?.stop();
        program?.cleanup();
    });

    test("configure → check → create over gRPC; outputs and stack config reach the program", async () => {
        expect((await host.getPluginInfo()).version).toMatch(/^\d+\.\d+\.\d+/);
        const conf = await host.configure({ "gcp:project": "proj-123", "gcp:accessToken": SECRET });
        expect(conf).toEqual({ acceptSecrets: false, supportsPreview: false });

        const run = await runProgram(
            () => {
                const echo = new Echo("op1", { message: "hello" });
                return { message: echo.message, project: echo.project, hasToken: echo.hasToken, id: echo.id };
            },
            {
                project: PROJECT,
                stack: STACK,
                config: { "gcp:project": "proj-123", "gcp:accessToken": SECRET },
                secretKeys: ["gcp:accessToken"],
                onNewResource: (res) => engineCreate(host, res),
            },
        );
        expect(run.dynamicResources).toHaveLength(1);
        const [res] = run.dynamicResources;
        expect(res.type).toBe("pulumi-nodejs:dynamic/gcpops:Echo");
        expect(typeof res.inputs.__provider).toBe("string");
        expect(run.outputs).toEqual({ message: "hello", project: "proj-123", hasToken: true, id: "echo-hello" });
        await host.waitForStdout("fixture: created echo-hello");
        expect(host.output()).not.toContain(SECRET);
        expect(String(res.inputs.__provider)).not.toContain(SECRET);
    });

    test("diff, update, read (present and gone) and delete run the code named by __provider", async () => {
        await host.configure({ "gcp:project": "proj-123" });
        const provider = await serializedProvider("cancellation");
        const urn = urnFor("pulumi-nodejs:dynamic/gcpops:Echo", "op2", PROJECT, STACK);
        const created = await host.create(urn, { __provider: provider, message: "a", zone: "z1" });
        expect(created.properties).toMatchObject({ message: "a", zone: "z1", __provider: provider });

        const same = await host.diff(created.id, urn, created.properties, { __provider: provider, message: "a", zone: "z1" });
        expect(same.changes).toBe("DIFF_NONE");
        const changed = await host.diff(created.id, urn, created.properties, { __provider: provider, message: "b", zone: "z2" });
        expect(changed).toMatchObject({ changes: "DIFF_SOME", replaces: ["zone"] });

        const updated = await host.update(created.id, urn, created.properties, { __provider: provider, message: "b", zone: "z1" });
        expect(updated).toMatchObject({ message: "b", updated: true, __provider: provider });

        const read = await host.read(created.id, urn, updated);
        expect(read.id).toBe(created.id);
        expect(read.properties).toMatchObject({ message: "b", project: "proj-123" });
        const gone = await host.read(created.id, urn, { ...updated, gone: true });
        expect(gone.id).toBe("");

        await host.delete(created.id, urn, updated);
        await host.waitForStdout(`fixture: deleted ${created.id}`);
    });

    test("check failures come back; the preview unknown sentinel is a string the provider must let through", async () => {
        const provider = await serializedProvider("sweep");
        const urn = urnFor("pulumi-nodejs:dynamic/gcpops:Echo", "op3", PROJECT, STACK);
        const bad = await host.check(urn, {}, { __provider: provider, message: 42 });
        expect(bad.failures).toEqual([{ property: "message", reason: "message must be a string" }]);
        const unknown = await host.check(urn, {}, { __provider: provider, message: UNKNOWN });
        expect(unknown.failures).toEqual([]);
        expect(unknown.inputs.message).toBe(UNKNOWN);
    });

    test("an init failure in Create keeps id and properties (ErrorResourceInitFailed)", async () => {
        const provider = await serializedProvider("cancellation");
        const urn = urnFor("pulumi-nodejs:dynamic/gcpops:Echo", "op4", PROJECT, STACK);
        const err = await host.create(urn, { __provider: provider, message: "boom", failInit: true }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(HostCallError);
        const hostErr = err as HostCallError;
        expect(hostErr.message).toContain("fixture: initialization failed");
        expect(hostErr.initFailure).toMatchObject({
            id: "echo-boom",
            properties: { message: "boom", state: "FAILED" },
            reasons: ["fixture reason"],
        });
    });

    test("trap: undefined in returned outputs fails after the side effect; a plain error has no init details", async () => {
        const provider = await serializedProvider("cancellation");
        const urn = urnFor("pulumi-nodejs:dynamic/gcpops:Echo", "op5", PROJECT, STACK);
        const err = (await host
            .create(urn, { __provider: provider, message: "undef", returnUndefined: true })
            .catch((e: unknown) => e)) as HostCallError;
        expect(err).toBeInstanceOf(HostCallError);
        expect(err.message).toContain("Unexpected struct type");
        expect(err.initFailure).toBeUndefined();
        await host.waitForStdout("fixture: created echo-undef");
    });

    test("a failed registration fails the program run", async () => {
        const run = runProgram(() => void new Echo("bad", { message: 7 as unknown as string }), {
            project: PROJECT,
            stack: STACK,
            onNewResource: (res) => engineCreate(host, res),
        });
        await expect(run).rejects.toBeInstanceOf(ProgramRunError);
        await expect(run).rejects.toThrow(/message must be a string/);
    });

    // What the engine calls in a preview is the real engine's business: tests/engine shows that `pulumi preview`
    // sends no request. This only shows that the harness runs programs as a preview.
    test("preview: the program sees isDryRun and registers its resources", async () => {
        let dryRun: boolean | undefined;
        const run = await runProgram(
            () => {
                dryRun = pulumi.runtime.isDryRun();
                new Echo("pv", { message: "p" });
            },
            {
                project: PROJECT,
                stack: STACK,
                preview: true,
                onNewResource: async (res) => ({ state: (await host.check(res.urn, {}, res.inputs)).inputs }),
            },
        );
        expect(dryRun).toBe(true);
        expect(run.dynamicResources.map((r) => r.name)).toEqual(["pv"]);
    });
});

describe("package resolution from the program directory", () => {
    test("without node_modules/pulumi-gcp-operations the trampoline cannot load the runtime", async () => {
        const bare = createProgramDir({ project: PROJECT });
        const fs = await import("node:fs");
        fs.unlinkSync(path.join(bare.dir, "node_modules", "pulumi-gcp-operations"));
        const host = await startHost({ cwd: bare.dir });
        try {
            const provider = await serializedProvider("cancellation");
            const urn = urnFor("pulumi-nodejs:dynamic/gcpops:Echo", "x", PROJECT, STACK);
            await expect(host.create(urn, { __provider: provider, message: "m" })).rejects.toThrow(
                /Cannot find module 'pulumi-gcp-operations\/runtime'/,
            );
        } finally {
            await host.stop();
            bare.cleanup();
        }
    });
});

async function serializedProvider(kind: ResourceKind): Promise<string> {
    const p = trampolineProvider(kind);
    return (await pulumi.runtime.serializeFunction(() => p, { allowSecrets: true })).text;
}
