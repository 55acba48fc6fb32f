import { pulumiCliAvailable } from "../support/automation";

const cli = pulumiCliAvailable();

/** With a `pulumi` CLI on PATH the scenarios also run for real; here they are reported as skipped with the reason. */
(cli.available ? describe : describe.skip)(`the real pulumi CLI${cli.available ? "" : ` (skipped: ${cli.reason})`}`, () => {
    test("up, up again, refresh and destroy through the Automation API with a local file backend", async () => {
        const { runRealStackScenario } = await import("./realStack");
        const result = await runRealStackScenario();
        expect(result.firstOutcome).toBe("CANCELLED");
        expect(result.requestsOnSecondUp).toBe(0);
    });
});

test("the CLI availability check gives a reason when pulumi is absent", () => {
    expect(cli.available || (typeof cli.reason === "string" && cli.reason.length > 0)).toBe(true);
});
