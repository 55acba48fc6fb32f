/**
 * Check's last step resolves the resource's target, and each failure lands on the input it is about: the
 * operation, the parent, impersonateServiceAccount, or none at all for a bad credentials document, which is stack
 * config or environment and whose failure says where it came from. A clean check gives back the inputs and
 * nothing else; a create records universeDomain and quotaProject and prints its outcome line. Survivors of
 * dynamic mutation run 9 (docs/mutation.md). TARGET_INPUTS is a module constant of inputs.ts: the providers
 * are loaded inside each test, so that the mutation run counts the test as reaching it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { createCancellationProvider as CreateCancellation } from "../../provider/dynamic/cancellationProvider";
import type { createSweepProvider as CreateSweep } from "../../provider/dynamic/sweepProvider";
import { rejectionOf } from "../support/outcome";
import { useEmulatorPerTest } from "../support/emulator";
import { EMULATOR_TOKEN_CONFIG, configOf, useClearedGoogleScope } from "../support/stackConfig";

useClearedGoogleScope();

const OPERATION = "projects/my-proj/locations/us-central1/operations/op-1";
const PARENT = "projects/my-proj/locations/us-central1";

function freshProviders(config: Parameters<typeof CreateCancellation>[0]["config"]) {
    let made: { cancellation: pulumi.dynamic.ResourceProvider; sweep: pulumi.dynamic.ResourceProvider } | undefined;
    jest.isolateModules(() => {
        const { createCancellationProvider } = require("../../provider/dynamic/cancellationProvider") as { createCancellationProvider: typeof CreateCancellation };
        const { createSweepProvider } = require("../../provider/dynamic/sweepProvider") as { createSweepProvider: typeof CreateSweep };
        made = { cancellation: createCancellationProvider({ config }), sweep: createSweepProvider({ config }) };
    });
    return made!;
}

describe("the failures of a target that does not resolve", () => {
    test("an operation outside its service's forms fails on operation", async () => {
        const { cancellation } = freshProviders(EMULATOR_TOKEN_CONFIG);
        const { failures } = await cancellation.check!({}, { operation: OPERATION, service: "managedidentities" });
        expect(failures).toHaveLength(1);
        expect(failures![0].property).toBe("operation");
        expect(failures![0].reason).toMatch(/^operation projects\/my-proj\/locations\/us-central1\/operations\/op-1 has the form .*its forms: projects\/\*\/locations\/global\/operations\/\*/);
    });

    test("a sweep with neither parent nor project fails on parent", async () => {
        const { sweep } = freshProviders(EMULATOR_TOKEN_CONFIG);
        const { failures } = await sweep.check!({}, { service: "clouddeploy" });
        expect(failures).toEqual([
            { property: "parent", reason: "parent is required: set parent to projects/{project}/locations/{location}, or set project (or gcp:project / GOOGLE_PROJECT) and location (or gcp:region / GOOGLE_REGION)" },
        ]);
    });

    test("an impersonated account that is not an email fails on impersonateServiceAccount, in both resources", async () => {
        const { cancellation, sweep } = freshProviders(EMULATOR_TOKEN_CONFIG);
        const reason = 'impersonateServiceAccount "not-an-email" must be a service account email such as deployer@my-proj.iam.gserviceaccount.com';
        expect((await cancellation.check!({}, { operation: OPERATION, service: "clouddeploy", impersonateServiceAccount: "not-an-email" })).failures).toEqual([
            { property: "impersonateServiceAccount", reason },
        ]);
        expect((await sweep.check!({}, { parent: PARENT, service: "clouddeploy", impersonateServiceAccount: "not-an-email" })).failures).toEqual([
            { property: "impersonateServiceAccount", reason },
        ]);
    });

    test("a bad credentials document fails on no input and names where it came from: stack config", async () => {
        const { cancellation, sweep } = freshProviders(configOf({ "gcp:credentials": "not a document" }));
        const reason =
            "credentials is neither JSON nor the path of an existing file; set it to a service account key JSON or its path (the credentials come from gcp:credentials)";
        expect((await cancellation.check!({}, { operation: OPERATION, service: "clouddeploy" })).failures).toEqual([{ property: "", reason }]);
        expect((await sweep.check!({}, { parent: PARENT, service: "clouddeploy" })).failures).toEqual([{ property: "", reason }]);
    });

    test("a bad credentials document from the environment names its variable", async () => {
        const saved = process.env.GOOGLE_CREDENTIALS;
        process.env.GOOGLE_CREDENTIALS = '{"no":"type"}';
        try {
            const { sweep } = freshProviders(configOf({}));
            expect((await sweep.check!({}, { parent: PARENT, service: "clouddeploy" })).failures).toEqual([
                { property: "", reason: 'credentials must be a Google credentials JSON document (with a "type" field) or a path to one (the credentials come from GOOGLE_CREDENTIALS)' },
            ]);
        } finally {
            if (saved === undefined) delete process.env.GOOGLE_CREDENTIALS;
            else process.env.GOOGLE_CREDENTIALS = saved;
        }
    });

    test("a refresh or a delete with a bad credentials document says where it came from too", async () => {
        const { cancellation, sweep } = freshProviders(configOf({ "gcp:credentials": "not a document" }));
        const from = "(the credentials come from gcp:credentials)";
        const read = await rejectionOf(cancellation.read!(OPERATION, { operation: OPERATION, service: "clouddeploy", outcome: "RUNNING" }));
        expect((read as Error).message).toContain(`credentials is neither JSON nor the path of an existing file; set it to a service account key JSON or its path ${from}`);
        const deleted = await rejectionOf(sweep.delete!("id", { parent: PARENT, service: "clouddeploy", cancelOn: "delete" }));
        expect((deleted as Error).message).toContain(from);
    });

    test("a clean check gives back the inputs and nothing else", async () => {
        const { cancellation, sweep } = freshProviders(EMULATOR_TOKEN_CONFIG);
        const news = { operation: OPERATION, service: "clouddeploy" };
        expect(await cancellation.check!({}, news)).toEqual({ inputs: news });
        const sweepNews = { parent: PARENT, service: "clouddeploy" };
        expect(await sweep.check!({}, sweepNews)).toEqual({ inputs: sweepNews });
    });
});

describe("what a cancellation's create records and prints", () => {
    const { emu, url } = useEmulatorPerTest();

    test("universeDomain and quotaProject are recorded as given; the outcome is printed with its label", async () => {
        emu().add({ name: OPERATION });
        const stdout = jest.spyOn(console, "log").mockImplementation(() => undefined);
        try {
            const { cancellation } = freshProviders(EMULATOR_TOKEN_CONFIG);
            const { outs } = await cancellation.create!({ operation: OPERATION, service: "clouddeploy", endpoint: url(), universeDomain: "googleapis.com", quotaProject: "billing-proj" });
            expect(outs).toMatchObject({ outcome: "CANCELLED", universeDomain: "googleapis.com", quotaProject: "billing-proj" });
            const lines = stdout.mock.calls.map((call) => String(call[0]));
            expect(lines.at(-1)).toMatch(new RegExp(`^OperationCancellation: CANCELLED: ${OPERATION} was cancelled \\(\\d+(?:\\.\\d)?m?s\\)$`));
        } finally {
            stdout.mockRestore();
        }
    });
});
