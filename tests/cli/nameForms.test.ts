import { EXIT, jsonOf, runCli, useEmulator } from "./helpers";

const SPANNER_OP = "projects/my-proj/instances/inst-1/databases/db_2/operations/_auto_op_123";
const FIRESTORE_OP = "projects/my-proj/databases/(default)/operations/ASA3NDEwOTg0NjEx";

describe("the command line with other services' name forms", () => {
    const { emu, url } = useEmulator(() => [
        { service: "spanner", name: SPANNER_OP },
        { service: "firestore", name: FIRESTORE_OP },
    ]);

    it("cancels a Spanner database operation by its own name, the service read from the name's form", async () => {
        const run = await runCli(["cancel", SPANNER_OP, "--endpoint", `${url()}/spanner`, "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run)).toMatchObject({ name: SPANNER_OP, outcome: "CANCELLED", cancelSent: true });
        expect(emu().requests.find((r) => r.rpc === "cancel")?.url).toBe(`/spanner/v1/${SPANNER_OP}:cancel`);
    });

    it("lists a Firestore database's operations and cancels one with --service", async () => {
        const list = await runCli(["list", "projects/my-proj/databases/(default)", "--service", "firestore", "--endpoint", `${url()}/firestore`, "--json"]);
        expect(list.code).toBe(EXIT.OK);
        expect(JSON.stringify(jsonOf(list))).toContain(FIRESTORE_OP);
        const run = await runCli(["cancel", FIRESTORE_OP, "--service", "firestore", "--endpoint", `${url()}/firestore`, "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run)).toMatchObject({ outcome: "CANCELLED" });
    });

    it("refuses a name outside the service's forms, naming --service and the forms, with the usage exit code", async () => {
        const run = await runCli(["get", SPANNER_OP, "--service", "clouddeploy", "--endpoint", url()]);
        expect(run.code).toBe(EXIT.USAGE);
        expect(run.stderr).toMatch(/has the form projects\/\*\/instances\/\*\/databases\/\*\/operations\/\*, which Cloud Deploy \(clouddeploy\) has no operations under; its forms: projects\/\*\/locations\/\*\/operations\/\*/);
        expect(emu().requests).toHaveLength(0);
    });
});
