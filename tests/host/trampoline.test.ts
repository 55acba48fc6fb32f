/**
 * The serialized trampoline (`__provider`): small, no secret, no library code, and byte-identical across
 * runs and package versions (checked against golden files: changing them changes the protocol stored in
 * every existing stack's state, see `TrampolineRuntime`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { RUNTIME_SPECIFIER, trampolineProvider, type ResourceKind } from "../../provider/dynamic/trampoline";
import * as runtime from "../../provider/dynamic/runtime";
import { runProgram } from "../support/mockProgram";
import { repoRoot } from "../support/programDir";
import { serializeTrampoline } from "../support/serializeTrampoline";

const KINDS: ResourceKind[] = ["cancellation", "sweep"];
const TRAMPOLINE_JS = path.join(__dirname, "..", "..", "provider", "dynamic", "trampoline.js");
const SECRET_CONFIG = "ya29.config-secret-5b4a39";
const SECRET_ENV = "env-secret-7c6d5e";

function golden(kind: ResourceKind): string {
    return fs.readFileSync(path.join(repoRoot(), "tests", "host", "golden", `trampoline-${kind}.txt`), "utf8");
}

/**
 * Serializes in a plain `node` child process. Under jest, compiled code is re-printed by babel-jest
 * (`Function.prototype.toString` changes), so in-process texts differ in whitespace from what a real
 * `pulumi up` stores; the child process sees exactly the shipped dist/ code.
 */
function serializeInNode(modulePath: string, kind: string, cwd: string): { text: string; containsSecrets: boolean } {
    const script = path.join(__dirname, "..", "support", "serializeTrampoline.js");
    const out = execFileSync(process.execPath, [script, modulePath, kind], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, GCPOPS_TEST_SECRET: SECRET_ENV },
    });
    return JSON.parse(out) as { text: string; containsSecrets: boolean };
}

class TestResource extends pulumi.dynamic.Resource {}

/** Captures `__provider` the way a user program produces it: through `new pulumi.dynamic.Resource`. */
async function providerFromProgram(kind: ResourceKind): Promise<unknown> {
    const run = await runProgram(
        () => {
            new TestResource(trampolineProvider(kind), `r-${kind}`, { token: undefined }, {}, "gcpops", "T");
        },
        {
            project: "tramp",
            stack: "dev",
            config: { "gcp:accessToken": SECRET_CONFIG, "gcp:project": "p-1" },
            secretKeys: ["gcp:accessToken"],
        },
    );
    expect(run.dynamicResources).toHaveLength(1);
    return run.dynamicResources[0].inputs.__provider;
}

describe.each(KINDS)("trampolineProvider(%s) serialized", (kind) => {
    let text: string; // as plain node (a real program) serializes it
    let jestText: string; // as serialized in this (babel-transformed) jest process
    beforeAll(async () => {
        process.env.GCPOPS_TEST_SECRET = SECRET_ENV;
        const r = serializeInNode(TRAMPOLINE_JS, kind, repoRoot());
        expect(r.containsSecrets).toBe(false);
        text = r.text;
        jestText = (await serializeTrampoline(TRAMPOLINE_JS, kind)).text;
    });
    afterAll(() => {
        delete process.env.GCPOPS_TEST_SECRET;
    });

    test("is at most 2048 bytes", () => {
        expect(Buffer.byteLength(text, "utf8")).toBeLessThanOrEqual(2048);
        expect(Buffer.byteLength(jestText, "utf8")).toBeLessThanOrEqual(2048);
    });

    test("equals what a program stores as __provider, and holds no secret", async () => {
        const stored = await providerFromProgram(kind);
        expect(typeof stored).toBe("string"); // a secret-bearing provider would arrive as a secret wrapper
        expect(stored).toBe(jestText);
        for (const secret of [SECRET_CONFIG, SECRET_ENV]) {
            expect(text).not.toContain(secret);
            expect(stored).not.toContain(secret);
        }
    });

    test("captures no library code: only its kind, the runtime specifier and seven one-line delegations", () => {
        expect(text).not.toMatch(/@pulumi|__awaiter|__importStar|Output|grpc|google/);
        expect(text.match(/require\([^)]*\)/g)).toEqual(Array(6).fill("require(this.runtime)"));
        expect(text.match(/^function __f\d+\(/gm)).toHaveLength(7);
        expect(text).toContain(`kind: ${JSON.stringify(kind)}, runtime: ${JSON.stringify(RUNTIME_SPECIFIER)},`);
        expect(text).toMatch(/configure: (__f\d+), create: \1,/);
    });

    test("is byte-identical when produced twice and matches the golden text", async () => {
        expect(serializeInNode(TRAMPOLINE_JS, kind, os.tmpdir()).text).toBe(text);
        expect((await serializeTrampoline(TRAMPOLINE_JS, kind)).text).toBe(jestText);
        expect(text).toBe(golden(kind));
    });

    test("is byte-identical when produced from a copy of the package with another version", () => {
        const pkg = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-pkgcopy-"));
        try {
            const original = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as Record<string, unknown>;
            fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ ...original, version: "99.1.2-other" }));
            const dest = path.join(pkg, "dist", "provider", "dynamic", "trampoline.js");
            fs.mkdirSync(path.dirname(dest), { recursive: true });
            fs.copyFileSync(TRAMPOLINE_JS, dest);
            expect(serializeInNode(dest, kind, pkg).text).toBe(text);
        } finally {
            fs.rmSync(pkg, { recursive: true, force: true });
        }
    });
});

test("one trampoline object per kind, shared by every resource: Pulumi serializes a provider once per object", () => {
    expect(trampolineProvider("cancellation")).toBe(trampolineProvider("cancellation"));
    expect(trampolineProvider("sweep")).toBe(trampolineProvider("sweep"));
    expect(trampolineProvider("sweep")).not.toBe(trampolineProvider("cancellation"));
    expect(trampolineProvider("sweep").kind).toBe("sweep");
});

describe("runtime dispatch behind the trampoline (in-process)", () => {
    afterEach(() => {
        runtime.registerProviderForTesting("cancellation", undefined);
        runtime.configureRuntime({ config: { get: () => undefined } });
    });

    test("configure and create share one function, told apart by config.get", async () => {
        const seen: unknown[] = [];
        runtime.registerProviderForTesting("cancellation", (ctx) => ({
            async create(inputs: Record<string, unknown>) {
                seen.push(inputs);
                return { id: "x", outs: { project: ctx.config.get("gcp:project") ?? null } };
            },
        }));
        await runtime.enter("cancellation", { config: { get: (k: string) => (k === "gcp:project" ? "p-9" : undefined) } });
        expect(seen).toEqual([]);
        // inputs that merely contain a `config` key are still create inputs
        await expect(runtime.enter("cancellation", { config: { get: "not a function" } })).resolves.toEqual({
            id: "x",
            outs: { project: "p-9" },
        });
        expect(seen).toHaveLength(1);
    });

    test("missing methods behave as the host's defaults; unknown kinds fail with a clear message", async () => {
        runtime.registerProviderForTesting("cancellation", () => ({ create: async () => ({ id: "y" }) }));
        await expect(runtime.check("cancellation", {}, { a: 1 })).resolves.toEqual({ inputs: { a: 1 } });
        await expect(runtime.diff("cancellation", "y", {}, {})).resolves.toEqual({});
        await expect(runtime.read("cancellation", "y", { b: 2 })).resolves.toEqual({ id: "y", props: { b: 2 } });
        await expect(runtime.update("cancellation", "y", {}, {})).resolves.toEqual({});
        await expect(runtime.delete("cancellation", "y", {})).resolves.toBeUndefined();
        expect(() => runtime.providerFor("nope" as ResourceKind)).toThrow(/unknown resource kind "nope"/);
    });

    test("config.require names the key, never a value", () => {
        let ctxRequire: ((k: string) => string) | undefined;
        runtime.registerProviderForTesting("cancellation", (ctx) => {
            ctxRequire = (k) => ctx.config.require(k);
            return { create: async () => ({ id: "z" }) };
        });
        runtime.configureRuntime({ config: { get: (k: string) => (k === "gcp:accessToken" ? SECRET_CONFIG : undefined) } });
        runtime.providerFor("cancellation");
        expect(ctxRequire?.("gcp:accessToken")).toBe(SECRET_CONFIG);
        expect(() => ctxRequire?.("gcp:project")).toThrow(/"gcp:project"/);
    });
});
