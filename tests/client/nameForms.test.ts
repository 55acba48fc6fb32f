/**
 * Operations of services whose google.longrunning names are not `projects/*\/locations/*\/operations/*`
 * (Spanner, Firestore, Datastore, Healthcare), driven end to end against the emulator: each request goes
 * to the service's own path, with the service's own cancel body, and the outcome comes from the GET.
 */
import { OperationsClient, parseOperationName } from "../../provider/google";
import { checkSameOperation } from "../../provider/google/validate";
import { sweepOperations } from "../../provider/sweep";
import { useEmulatorPerTest } from "../support/emulator";
import { FAST, TOKEN } from "./support";

const CASES = [
    { service: "spanner", name: "projects/my-proj/instances/inst-1/databases/db_2/operations/_auto_op_123", body: "" },
    { service: "spanner", name: "projects/my-proj/instances/inst-1/backups/nightly/operations/_auto_op_9", body: "" },
    { service: "firestore", name: "projects/my-proj/databases/(default)/operations/ASA3NDEwOTg0NjExChp0bHVhZmVk", body: "{}" },
    { service: "datastore", name: "projects/my-proj/operations/ASAyMDAwOTEzBxp0bHVhZmVkCBIKEgg", body: "" },
    { service: "healthcare", name: "projects/my-proj/locations/us-central1/datasets/ds-1/operations/4567890123", body: "{}" },
];

describe("other services' name forms, against the emulator", () => {
    const { emu } = useEmulatorPerTest();
    const client = (service?: string) =>
        new OperationsClient({ ...(service ? { service } : {}), endpoint: `${emu().url}/${service ?? "spanner"}`, credentials: { accessToken: TOKEN }, ...FAST });

    test.each(CASES)("$service: cancel goes to the operation's own path with the service's body, and the GET shows CANCELLED", async ({ service, name, body }) => {
        emu().add({ service, name });
        const result = await client(service).cancelAndConfirm(name, { timeoutMs: 10_000 });
        expect(result).toMatchObject({ name, outcome: "CANCELLED", cancelSent: true });
        const cancel = emu().requests.find((r) => r.rpc === "cancel");
        expect(cancel).toMatchObject({ method: "POST", url: `/${service}/v1/${encodeURI(name)}:cancel`, body, service });
        expect(emu().requests.filter((r) => r.rpc === "get").every((r) => r.url === `/${service}/v1/${encodeURI(name)}`)).toBe(true);
    });

    test("a name that says no service is sent to the one service whose form it has", () => {
        const spanner = new OperationsClient({ credentials: { accessToken: TOKEN } }).resolveOperation(CASES[0].name);
        expect(spanner.url).toBe(`https://spanner.googleapis.com/v1/${CASES[0].name}`);
        const firestore = new OperationsClient({ credentials: { accessToken: TOKEN } }).resolveOperation(CASES[2].name);
        expect(firestore.url).toBe(`https://firestore.googleapis.com/v1/${CASES[2].name}`);
        expect(firestore.endpoint.cancelBody).toBe("empty-json");
    });

    test("a Spanner database's operations are listed under it and swept; another database's and an instance's are not touched", async () => {
        const db = "projects/my-proj/instances/inst-1/databases/db_2";
        emu().addMany(
            { service: "spanner", name: `${db}/operations/_auto_op_1` },
            { service: "spanner", name: `${db}/operations/_auto_op_2`, doneAfterMs: 0 },
            { service: "spanner", name: "projects/my-proj/instances/inst-1/databases/other/operations/_auto_op_3" },
            { service: "spanner", name: "projects/my-proj/instances/inst-1/operations/_auto_op_4" },
        );
        const listed: string[] = [];
        for await (const op of client("spanner").listOperations(db)) listed.push(op.name);
        expect(listed.sort()).toEqual([`${db}/operations/_auto_op_1`, `${db}/operations/_auto_op_2`]);

        const result = await sweepOperations(client("spanner"), { parent: db, timeoutMs: 10_000 });
        expect(result.counts).toMatchObject({ listed: 2, matched: 1, cancelled: 1 });
        const cancelled = emu().requests.filter((r) => r.rpc === "cancel").map((r) => r.operation);
        expect(cancelled).toEqual([`${db}/operations/_auto_op_1`]);
        expect(emu().get("projects/my-proj/instances/inst-1/databases/other/operations/_auto_op_3")?.done).toBeUndefined();
    });

    test("an answer about another database's operation, or another form, is not believed; the project number for the id is", () => {
        const asked = parseOperationName(CASES[0].name);
        const ctx = { method: "get" as const, resource: asked.name };
        expect(() => checkSameOperation({ name: asked.name.replace("db_2", "db_3") }, asked, ctx)).toThrow(/names the operation "projects\/my-proj\/instances\/inst-1\/databases\/db_3/);
        expect(() => checkSameOperation({ name: "projects/my-proj/instances/inst-1/operations/_auto_op_123" }, asked, ctx)).toThrow(/not projects\/my-proj/);
        expect(checkSameOperation({ name: asked.name.replace("my-proj", "123456789012") }, asked, ctx).name).toContain("123456789012");
    });
});
