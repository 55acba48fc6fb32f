import { EXIT, jsonOf, opName, PARENT, runCli, spawnCli, useEmulator } from "./helpers";

const CLUSTER = "projects/123/locations/us-central1/awsClusters/prod";
const OTHER = "projects/123/locations/us-central1/awsClusters/dev";
const HOUR_AGO = () => new Date(Date.now() - 3_600_000).toISOString();

describe("sweep", () => {
    const { emu, url } = useEmulator(() => [
        { name: opName("c-create"), target: CLUSTER, verb: "create", createTime: HOUR_AGO() },
        { name: opName("c-update"), target: CLUSTER, verb: "update" },
        { name: opName("c-pool"), target: `${CLUSTER}/awsNodePools/np`, verb: "update" },
        { name: opName("c-done"), target: CLUSTER, verb: "delete", doneAfterMs: 0 },
        { name: opName("o-create"), target: OTHER, verb: "create", createTime: HOUR_AGO() },
    ]);
    const names = (doc: { items: Array<{ name: string }> }) => doc.items.map((i) => i.name.split("/").pop()).sort();

    it("--dry-run selects and sends no cancel", async () => {
        const run = await runCli(["sweep", PARENT, "--target-prefix", CLUSTER, "--dry-run", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        const doc = jsonOf(run);
        expect(doc).toMatchObject({ parent: PARENT, dryRun: true, exitCode: 0, counts: { listed: 5, matched: 3, skipped: 3, cancelled: 0 } });
        expect(names(doc)).toEqual(["c-create", "c-pool", "c-update"]);
        expect(doc.items.every((i: { outcome: string }) => i.outcome === "SKIPPED")).toBe(true);
        expect(emu().count({ rpc: "cancel" })).toBe(0);
    });

    it("--target cancels exactly one resource's running operations and exits 0", async () => {
        const run = await runCli(["sweep", PARENT, "--target", CLUSTER, "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        const doc = jsonOf(run);
        expect(doc.counts).toMatchObject({ matched: 2, cancelled: 2, failed: 0, running: 0 });
        expect(names(doc)).toEqual(["c-create", "c-update"]);
        expect(emu().get(opName("c-update"))).toMatchObject({ done: true, error: { code: 1 } });
        expect(emu().get(opName("c-pool"))?.done).toBeFalsy();
        expect(emu().get(opName("o-create"))?.done).toBeFalsy();
    });

    it("--verb (repeatable) and --older-than narrow the selection", async () => {
        const verb = jsonOf(await runCli(["sweep", PARENT, "--verb", "update", "--dry-run", "--endpoint", url(), "--json"]));
        expect(names(verb)).toEqual(["c-pool", "c-update"]);
        const both = jsonOf(await runCli(["sweep", PARENT, "--verb", "create", "--verb", "delete", "--dry-run", "--endpoint", url(), "--json"]));
        expect(names(both)).toEqual(["c-create", "o-create"]);
        const old = jsonOf(await runCli(["sweep", PARENT, "--older-than", "30m", "--endpoint", url(), "--json"]));
        expect(names(old)).toEqual(["c-create", "o-create"]);
        expect(old.counts.cancelled).toBe(2);
    });

    it("prints a table and a summary for people, progress on stderr", async () => {
        const run = await runCli(["sweep", PARENT, "--target-prefix", CLUSTER, "--endpoint", url()]);
        expect(run.code).toBe(EXIT.OK);
        expect(run.stdout).toMatch(/^ID\s+OUTCOME\s+CANCEL\s+VERB\s+TARGET\s+ERROR$/m);
        expect(run.stdout).toMatch(/^c-pool\s+CANCELLED\s+sent\s+update\s+/m);
        expect(run.stdout).toContain(`${PARENT}: listed 5, matched 3, cancelled 3, already done 0, still running 0, failed 0`);
        expect(run.stderr).toContain("sweep: listed 5, matched 3");
    });

    it("requires --all (or a criterion) to sweep a whole location", async () => {
        const refused = await runCli(["sweep", PARENT, "--endpoint", url()]);
        expect(refused.code).toBe(EXIT.USAGE);
        expect(refused.stderr).toContain("--all is required");
        expect(emu().requests).toHaveLength(0);
        const all = await runCli(["sweep", PARENT, "--all", "--max-concurrency", "2", "--page-size", "2", "--endpoint", url(), "--json"]);
        expect(all.code).toBe(EXIT.OK);
        expect(jsonOf(all).counts).toMatchObject({ listed: 5, matched: 4, cancelled: 4 });
        expect(emu().count({ rpc: "list" })).toBe(3);
    });

    it("--no-wait exits 0 once the cancels are accepted", async () => {
        emu().add({ name: opName("slow"), target: OTHER, verb: "update", cancelTakesMs: 60_000 });
        const run = await runCli(["sweep", PARENT, "--target", OTHER, "--verb", "update", "--no-wait", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.OK);
        expect(jsonOf(run).items).toEqual([expect.objectContaining({ name: opName("slow"), outcome: "RUNNING", cancelSent: true })]);
    });

    it("exits 5 when a cancelled operation still runs at --timeout", async () => {
        emu().add({ name: opName("stubborn"), target: OTHER, verb: "update", cancel: "ignore" });
        const run = await runCli(["sweep", PARENT, "--target", OTHER, "--verb", "update", "--timeout", "2s", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.STILL_RUNNING);
        expect(jsonOf(run)).toMatchObject({ exitCode: 5, counts: { running: 1 } });
    });

    it("exits 9 on partial failure: the rest are cancelled, the failures reported", async () => {
        emu().add({ name: opName("denied"), target: CLUSTER, verb: "update", denied: ["cancel"] });
        emu().add({ name: opName("unimpl"), target: CLUSTER, verb: "update", unimplemented: true });
        const run = await runCli(["sweep", PARENT, "--target", CLUSTER, "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.PARTIAL_FAILURE);
        const doc = jsonOf(run);
        expect(doc.counts).toMatchObject({ matched: 4, cancelled: 2, failed: 2 });
        const byName = Object.fromEntries(doc.items.map((i: { name: string }) => [i.name.split("/").pop(), i]));
        expect(byName.denied).toMatchObject({ outcome: "ERROR", error: { httpStatus: 403, status: "PERMISSION_DENIED" } });
        expect(byName.unimpl).toMatchObject({ outcome: "UNSUPPORTED" });
        expect(emu().get(opName("c-update"))?.done).toBe(true);
    });

    it("exits with the listing's error when ListOperations fails", async () => {
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "status", code: "PERMISSION_DENIED" } });
        const run = await runCli(["sweep", PARENT, "--all", "--endpoint", url(), "--json"]);
        expect(run.code).toBe(EXIT.AUTH);
        const doc = jsonOf(run);
        expect(doc.error).toMatchObject({ exitCode: 6, code: "ERR_SWEEP_LIST" });
        expect(doc.counts).toMatchObject({ listed: 0 });
    });
});

describe("sweep interrupted by a signal", () => {
    const target = "projects/123/locations/us-central1/deliveryPipelines/interrupted";
    const { emu, url } = useEmulator(() => [
        // Accepted, then waited on: "sent".
        { name: opName("op-a-accepted"), target, cancelTakesMs: 60_000 },
        // Written, never answered: "unknown".
        { name: opName("op-b-unanswered"), target },
        // Never reached (concurrency 2): "not sent".
        { name: opName("op-c-queued"), target },
    ]);

    it.each(["SIGINT", "SIGTERM"] as const)("%s: exits 130 and reports each cancel as sent, unknown or not sent", async (signal) => {
        emu().injectFault({ match: { rpc: "cancel", operation: opName("op-b-unanswered") }, fault: { kind: "hang" } });
        const child = spawnCli(["sweep", PARENT, "--endpoint", url(), "--target", target, "--max-concurrency", "2", "--json", "--timeout", "5m"]);
        child.stdin.end();
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        const deadline = Date.now() + 30_000;
        const logged = () => emu().requests.filter((r) => r.rpc === "cancel");
        while (!(logged().some((r) => r.operation === opName("op-a-accepted") && r.status === 200) && logged().some((r) => r.operation === opName("op-b-unanswered")))) {
            if (Date.now() > deadline) throw new Error("the two cancels were never sent");
            await new Promise((r) => setTimeout(r, 25));
        }
        child.kill(signal);
        expect(await exited).toBe(EXIT.INTERRUPTED);
        const doc = JSON.parse(stdout) as { exitCode: number; stoppedBy: string; items: Array<{ name: string; cancel: string; cancelSent: boolean }> };
        expect(doc.exitCode).toBe(130);
        expect(doc.stoppedBy).toBe("signal");
        const byName = Object.fromEntries(doc.items.map((i) => [i.name.split("/").pop(), [i.cancel, i.cancelSent]]));
        expect(byName).toEqual({ "op-a-accepted": ["sent", true], "op-b-unanswered": ["unknown", false], "op-c-queued": ["not-sent", false] });
        expect(emu().count({ rpc: "cancel", operation: opName("op-c-queued") })).toBe(0);
    });

    it("a signal while the last page's cancels are all in flight (nothing queued, nothing left to list) exits 130 too", async () => {
        emu().injectFault({ match: { rpc: "cancel", operation: opName("op-b-unanswered") }, fault: { kind: "hang" } });
        const child = spawnCli(["sweep", PARENT, "--endpoint", url(), "--target", target, "--max-concurrency", "8", "--json", "--timeout", "5m"]);
        child.stdin.end();
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
        const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
        const deadline = Date.now() + 30_000;
        while (!emu().requests.some((r) => r.rpc === "cancel" && r.operation === opName("op-b-unanswered"))) {
            if (Date.now() > deadline) throw new Error("the hanging cancel was never sent");
            await new Promise((r) => setTimeout(r, 25));
        }
        child.kill("SIGINT");
        expect(await exited).toBe(EXIT.INTERRUPTED);
        const doc = JSON.parse(stdout) as { exitCode: number; stoppedBy: string; items: Array<{ name: string; cancel: string }> };
        expect(doc).toMatchObject({ exitCode: 130, stoppedBy: "signal" });
        expect(doc.items.find((i) => i.name === opName("op-b-unanswered"))?.cancel).toBe("unknown");
    });
});
