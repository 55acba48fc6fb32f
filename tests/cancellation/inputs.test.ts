import { OperationCancellation } from "../../provider";
import { urnFor } from "../support/host";
import { ProgramRunError } from "../support/mockProgram";
import { opName, PROJECT, STACK, useStack } from "./fixture";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TYPE = "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationCancellation";

describe("OperationCancellation check, diff and preview", () => {
    const { ctx, engine } = useStack({ "gcp:accessToken": "emulator-token", "gcp:project": "my-proj", "gcp:region": "us-central1" });
    const urn = urnFor(TYPE, "x", PROJECT, STACK);

    async function failuresFor(news: Record<string, unknown>) {
        const provider = await providerText();
        return (await ctx.host.check(urn, {}, { __provider: provider, ...news })).failures;
    }

    let cachedProvider: string | undefined;
    async function providerText(): Promise<string> {
        if (cachedProvider) return cachedProvider;
        const run = await engine().up(() => {
            new OperationCancellation("probe", { operation: opName(), service: "clouddeploy", endpoint: ctx.url, ifNotFound: "ignore" });
        }, { preview: true });
        cachedProvider = String(run.run.dynamicResources[0].inputs.__provider);
        return cachedProvider;
    }

    test.each([
        [{ operation: "operation-123", service: "clouddeploy", project: "Bad_Project" }, "operation", /invalid project/],
        [{ operation: "projects/p/locations/l", service: "clouddeploy" }, "operation", /expected projects\/\{project\}/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x?y", service: "clouddeploy" }, "operation", /'\?'/],
        [{ service: "clouddeploy" }, "operation", /operation is required/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "nosuch" }, "service", /not a known service/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x" }, "service", /service is required/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", endpoint: "http://example.com" }, "endpoint", /must use https/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy", cancelOn: "sometimes" }, "cancelOn", /one of "create", "delete", "both"/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy", timeout: "twenty minutes" }, "timeout", /duration such as "90s"/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy", wait: "yes" }, "wait", /true or false/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy", ifNotFound: "skip" }, "ifNotFound", /"fail", "ignore"/],
        [{ operation: "projects/my-proj/locations/us-central1/operations/x", service: "clouddeploy", apiVersion: "1" }, "apiVersion", /v1/],
    ])("check rejects %j naming %s and the fix", async (news, property, reason) => {
        const failures = await failuresFor(news);
        expect(failures).toEqual(expect.arrayContaining([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]));
    });

    const OP = "projects/my-proj/locations/us-central1/operations/x";
    test.each([
        [{ timeout: 90 }, "timeout", /string duration such as "90s".*the number 90 \(write "90s"/],
        [{ universeDomain: "not a domain" }, "universeDomain", /universeDomain "not a domain" is not a domain/],
        [{ impersonateServiceAccount: "deployer" }, "impersonateServiceAccount", /must be a service account email/],
        [{ quotaProject: "Bad Project!" }, "quotaProject", /quotaProject "Bad Project!" must be a project id/],
    ])("check reports %j on its own property %s, and only there", async (bad, property, reason) => {
        const failures = await failuresFor({ operation: OP, service: "clouddeploy", ...bad });
        expect(failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    });

    test("a bare operation id is completed from gcp:project and gcp:region", async () => {
        expect(await failuresFor({ operation: "operation-123", service: "clouddeploy" })).toEqual([]);
    });

    test("check and diff make no request; unknown values pass during preview", async () => {
        const before = ctx.emu.count();
        expect(await failuresFor({ operation: UNKNOWN, service: "clouddeploy", endpoint: UNKNOWN, timeout: UNKNOWN })).toEqual([]);
        const provider = await providerText();
        const diff = await ctx.host.diff("id", urn, { operation: "projects/my-proj/locations/us-central1/operations/a", service: "clouddeploy", endpoint: ctx.url, apiVersion: "v1" }, { __provider: provider, operation: UNKNOWN, service: "clouddeploy", endpoint: ctx.url });
        expect(diff.changes).toBe("DIFF_SOME");
        expect(diff.replaces).toContain("operation");
        expect(ctx.emu.count()).toBe(before);
    });

    test("preview sends nothing to the API, even for a resource about to be created", async () => {
        const name = opName();
        ctx.emu.add({ name });
        const before = ctx.emu.count();
        const run = await engine().up(() => {
            new OperationCancellation("previewed", { operation: name, service: "clouddeploy", endpoint: ctx.url });
        }, { preview: true });
        expect(Object.values(run.steps)).toEqual(["preview-create"]);
        expect(ctx.emu.count()).toBe(before);
    });

    test("a failing check stops the up before any request", async () => {
        const before = ctx.emu.count();
        const error = await engine().up(() => {
            new OperationCancellation("bad", { operation: "not-a-name/at/all", service: "clouddeploy", endpoint: ctx.url });
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProgramRunError);
        expect((error as Error).message).toMatch(/operation: operation "not-a-name\/at\/all"/);
        expect(ctx.emu.count()).toBe(before);
    });
});
