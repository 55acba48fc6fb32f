/**
 * Every documented form of an operation name and of a parent works, with no endpoint override, for
 * every command and both resources: `projects/...`, the full resource name `//{service}.googleapis.com/...`
 * (for a regional service the host comes from the location; the service from the name) and the API URL
 * `https://{host}/v1/...`. Requests are checked to reach the right Google host (TLS under that name).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { OperationsClient } from "../../provider/google";
import { trampolineProvider } from "../../provider/dynamic/trampoline";
import { sweepOperations } from "../../provider/sweep/index";
import { startHost, urnFor, type HostClient } from "../support/host";
import { createProgramDir, type ProgramDir } from "../support/programDir";
import { startGoogleHosts, type GoogleHosts } from "./support/googleHosts";

const TOKEN = "emulator-token";
const DEPLOY_PARENT = "projects/my-proj/locations/us-central1";
const MC_PARENT = "projects/my-proj/locations/us-west1";
const DEPLOY_HOST = "clouddeploy.googleapis.com";
const MC_HOST = "us-west1-gkemulticloud.googleapis.com";

/** Each documented parent form, with the host its requests must reach. */
const PARENTS: Array<[string, string, string]> = [
    ["full resource name, global service", `//clouddeploy.googleapis.com/${DEPLOY_PARENT}`, DEPLOY_HOST],
    ["API URL, global service", `https://clouddeploy.googleapis.com/v1/${DEPLOY_PARENT}`, DEPLOY_HOST],
    ["full resource name, regional service", `//gkemulticloud.googleapis.com/${MC_PARENT}`, MC_HOST],
    ["API URL, regional service", `https://us-west1-gkemulticloud.googleapis.com/v1/${MC_PARENT}`, MC_HOST],
];
const parentOf = (form: string) => form.replace(/\/$/, "");
const opIn = (parentForm: string, id: string) => `${parentOf(parentForm)}/operations/${id}`;
const plain = (form: string) => form.replace(/^(?:\/\/[^/]+|https:\/\/[^/]+\/v1)\//, "");
const serviceOf = (host: string) => (host === DEPLOY_HOST ? "clouddeploy" : "gkemulticloud");

describe("every documented form, with no endpoint override", () => {
    let hosts: GoogleHosts;
    let n = 0;
    /** A fresh operation in the form's parent, served only by its host. */
    const seed = (parentForm: string, host: string) => {
        const name = `${plain(parentForm)}/operations/form-${++n}`;
        hosts.emu.add({ name, service: serviceOf(host), host, cancelTakesMs: 0 });
        return name;
    };
    beforeEach(async () => {
        hosts = await startGoogleHosts();
    });
    afterEach(() => hosts.stop());

    describe("the sweep engine", () => {
        test.each(PARENTS)("%s: lists and cancels at the right host, service from the name", async (_label, parentForm, host) => {
            const name = seed(parentForm, host);
            const client = new OperationsClient({ credentials: { accessToken: TOKEN }, dispatcher: hosts.dispatcher(), poll: { initialDelayMs: 10, maxDelayMs: 50 } });
            const result = await sweepOperations(client, { parent: parentForm, selection: {} });
            expect(result.items).toEqual([expect.objectContaining({ name, outcome: "CANCELLED", cancelSent: true })]);
            expect(new Set(hosts.emu.requests.map((r) => r.servername))).toEqual(new Set([host]));
        });
    });

    describe("the client", () => {
        test.each(PARENTS)("%s: get, cancel and list of its operation", async (_label, parentForm, host) => {
            const name = seed(parentForm, host);
            const client = new OperationsClient({ credentials: { accessToken: TOKEN }, dispatcher: hosts.dispatcher(), poll: { initialDelayMs: 10, maxDelayMs: 50 } });
            const full = opIn(parentForm, name.split("/").pop() as string);
            expect((await client.getOperation(full)).name).toBe(name);
            expect((await client.cancelAndConfirm(full, { timeoutMs: 10_000 })).outcome).toBe("CANCELLED");
            const listed: string[] = [];
            for await (const op of client.listOperations(parentForm)) listed.push(op.name);
            expect(listed).toEqual([name]);
            expect(new Set(hosts.emu.requests.map((r) => r.servername))).toEqual(new Set([host]));
        });
    });

    describe("the command line (a child process through HTTPS_PROXY)", () => {
        const BIN = path.resolve(__dirname, "../../provider/cli/main.js");
        const run = (args: string[]) =>
            new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
                const env: NodeJS.ProcessEnv = {};
                for (const [k, v] of Object.entries(process.env)) if (!/^(GOOGLE_|CLOUDSDK_|HTTPS?_PROXY|NO_PROXY)/i.test(k)) env[k] = v;
                Object.assign(env, hosts.env, { GOOGLE_OAUTH_ACCESS_TOKEN: TOKEN, CLOUDSDK_CONFIG: "/nonexistent-cloudsdk-config", NO_COLOR: "1" });
                const child = spawn(process.execPath, [BIN, ...args, "--json"], { env, stdio: ["ignore", "pipe", "pipe"] });
                let stdout = "";
                let stderr = "";
                child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
                child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
                child.on("error", reject);
                child.on("close", (code) => resolve({ code, stdout, stderr }));
            });

        test.each(PARENTS)("%s: get, cancel, list and sweep exit 0 and reach the right host", async (_label, parentForm, host) => {
            const forGet = seed(parentForm, host);
            const got = await run(["get", opIn(parentForm, forGet.split("/").pop() as string)]);
            expect({ code: got.code, stderr: got.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
            expect(JSON.parse(got.stdout).name).toBe(forGet);

            const cancelled = await run(["cancel", opIn(parentForm, forGet.split("/").pop() as string), "--timeout", "20s"]);
            expect({ code: cancelled.code, stderr: cancelled.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
            expect(JSON.parse(cancelled.stdout).outcome).toBe("CANCELLED");

            const listed = await run(["list", parentForm]);
            expect({ code: listed.code, stderr: listed.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
            expect(JSON.parse(listed.stdout).operations.map((o: { name: string }) => o.name)).toEqual([forGet]);

            const forSweep = seed(parentForm, host);
            const swept = await run(["sweep", parentForm, "--all", "--timeout", "20s"]);
            expect({ code: swept.code, stderr: swept.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/i) });
            expect(JSON.parse(swept.stdout).items).toEqual([expect.objectContaining({ name: forSweep, outcome: "CANCELLED" })]);

            expect(new Set(hosts.emu.requests.map((r) => r.servername))).toEqual(new Set([host]));
            expect(new Set(hosts.connects)).toEqual(new Set([`${host}:443`]));
        });
    });

    describe("both resources (through the dynamic-provider host)", () => {
        let program: ProgramDir;
        let host: HostClient;
        let providers: { cancellation: string; sweep: string };
        beforeAll(async () => {
            program = createProgramDir();
            const serialize = async (kind: "cancellation" | "sweep") => {
                const p = trampolineProvider(kind);
                return (await pulumi.runtime.serializeFunction(() => p, { allowSecrets: true })).text;
            };
            providers = { cancellation: await serialize("cancellation"), sweep: await serialize("sweep") };
        });
        afterAll(() => program?.cleanup());
        beforeEach(async () => {
            host = await startHost({ cwd: program.dir, env: hosts.env });
            await host.configure({});
        });
        afterEach(() => host?.stop());

        async function create(type: string, props: Record<string, unknown>) {
            const urn = urnFor(`pulumi-nodejs:dynamic/pulumi-gcp-operations:${type}`, `r-${++n}`, program.project, "dev");
            const checked = await host.check(urn, {}, props);
            expect(checked.failures).toEqual([]);
            return (await host.create(urn, checked.inputs)).properties;
        }

        test.each(PARENTS)("%s: OperationCancellation of its operation and OperationSweep of the parent", async (_label, parentForm, hostName) => {
            const name = seed(parentForm, hostName);
            const cancellation = await create("OperationCancellation", { __provider: providers.cancellation, operation: opIn(parentForm, name.split("/").pop() as string), accessToken: TOKEN, timeout: "30s" });
            expect(cancellation).toMatchObject({ operation: name, outcome: "CANCELLED", service: serviceOf(hostName), endpoint: `https://${hostName}` });

            const swept = seed(parentForm, hostName);
            const sweep = await create("OperationSweep", { __provider: providers.sweep, parent: parentForm, accessToken: TOKEN, timeout: "30s" });
            expect(sweep).toMatchObject({ parent: plain(parentForm), cancelled: [swept], failures: [], service: serviceOf(hostName), endpoint: `https://${hostName}` });
            expect(new Set(hosts.emu.requests.map((r) => r.servername))).toEqual(new Set([hostName]));
        });
    });
});
