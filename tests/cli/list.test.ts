import { EXIT, jsonOf, LOCATION, opName, PARENT, PROJECT, runCli, useEmulator } from "./helpers";

const WEB = "projects/123/locations/us-central1/deliveryPipelines/web";
const API = "projects/123/locations/us-central1/deliveryPipelines/api";

describe("list", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("op-1"), target: WEB, verb: "create" },
        { name: opName("op-2"), target: `${WEB}-canary`, verb: "update" },
        { name: opName("op-3"), target: API, verb: "delete" },
        { name: opName("op-4"), target: WEB, verb: "delete", doneAfterMs: 0 },
        { name: opName("op-5"), target: API, verb: "create", doneAfterMs: 0 },
        { name: "projects/my-project/locations/europe-west1/operations/op-eu", target: API },
    ]);
    const ids = (doc: { operations: Array<{ name: string }> }) => doc.operations.map((o) => o.name.split("/").pop()).sort();

    it("lists every operation under the parent as JSON", async () => {
        const run = await runCli(["list", PARENT, "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        const doc = jsonOf(run);
        expect(doc).toMatchObject({ parent: PARENT, count: 5, listed: 5, truncated: false });
        expect(ids(doc)).toEqual(["op-1", "op-2", "op-3", "op-4", "op-5"]);
    });

    it("--pending keeps only operations that are not done", async () => {
        const doc = jsonOf(await runCli(["list", PARENT, "--pending", "--endpoint", url(), "--json"]));
        expect(ids(doc)).toEqual(["op-1", "op-2", "op-3"]);
    });

    it("--target selects exactly, --target-prefix by prefix", async () => {
        expect(ids(jsonOf(await runCli(["list", PARENT, "--target", WEB, "--endpoint", url(), "--json"])))).toEqual(["op-1", "op-4"]);
        expect(ids(jsonOf(await runCli(["list", PARENT, "--target-prefix", WEB, "--pending", "--endpoint", url(), "--json"])))).toEqual(["op-1", "op-2"]);
    });

    it("--filter is sent to the server", async () => {
        const doc = jsonOf(await runCli(["list", PARENT, "--filter", "done=false", "--endpoint", url(), "--json"]));
        expect(ids(doc)).toEqual(["op-1", "op-2", "op-3"]);
        expect(doc.listed).toBe(3);
        expect(emu().requests.find((r) => r.rpc === "list")?.url).toContain("filter=done%3Dfalse");
    });

    it("--page-size pages through every page", async () => {
        const doc = jsonOf(await runCli(["list", PARENT, "--page-size", "2", "--endpoint", url(), "--json"]));
        expect(doc.count).toBe(5);
        expect(emu().count({ rpc: "list" })).toBe(3);
    });

    it("--limit stops early and says the list was cut", async () => {
        const run = await runCli(["list", PARENT, "--limit", "2", "--page-size", "2", "--endpoint", url(), "--json"]);
        expect(jsonOf(run)).toMatchObject({ count: 2, truncated: true });
        expect(emu().count({ rpc: "list" })).toBe(2);
    });

    it("builds PARENT from --project and --location, and lists every location with -", async () => {
        expect(jsonOf(await runCli(["list", "--project", PROJECT, "--location", LOCATION, "--endpoint", url(), "--json"])).count).toBe(5);
        const all = jsonOf(await runCli(["list", "--project", PROJECT, "--location", "-", "--endpoint", url(), "--json"]));
        expect(all.count).toBe(6);
        expect(all.parent).toBe("projects/my-project/locations/-");
    });

    it("accepts the parent as a full resource name", async () => {
        const run = await runCli(["list", `//clouddeploy.googleapis.com/${PARENT}`, "--endpoint", url(), "--json"]);
        expect(jsonOf(run).count).toBe(5);
    });

    it("prints a table for people", async () => {
        const run = await runCli(["list", PARENT, "--pending", "--target", API, "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        const lines = run.stdout.trimEnd().split("\n");
        expect(lines[0]).toMatch(/^ID\s+LOCATION\s+STATE\s+VERB\s+AGE\s+TARGET$/);
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(new RegExp(`^op-3\\s+us-central1\\s+RUNNING\\s+delete\\s+\\d+s\\s+${API}$`));
    });

    it("says so when nothing matches", async () => {
        const run = await runCli(["list", PARENT, "--target", "projects/1/nothing", "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toBe(`No operations matched (5 listed) under ${PARENT}.\n`);
    });

    it("exits 8 when the server rejects the filter", async () => {
        const run = await runCli(["list", PARENT, "--filter", "bogus(((", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.API_ERROR);
        expect(jsonOf(run).error).toMatchObject({ exitCode: 8, httpStatus: 400, status: "INVALID_ARGUMENT" });
    });
});
