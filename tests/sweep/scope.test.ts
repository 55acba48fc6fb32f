/**
 * A sweep never leaves its scope: a listed operation that is not a child of the swept parent is never
 * read or cancelled (it is reported as a failure naming why), and requests (with the token) go only to
 * the endpoint resolved for the parent.
 */
import { OperationsClient } from "../../provider/google";
import { sweepOperations } from "../../provider/sweep/index";
import { answerJson, hostileServer, type HostileServer } from "../hostile/server";
import { startGoogleHosts, type GoogleHosts } from "./support/googleHosts";
import { TOKEN } from "./support/helpers";

const PARENT = "projects/my-proj/locations/us-central1";
const CHILD = `${PARENT}/operations/mine`;
const FOREIGN = [
    "projects/other-proj/locations/us-central1/operations/theirs",
    "projects/my-proj/locations/europe-west1/operations/elsewhere",
    "projects/123456789012/locations/us-central1/operations/by-number",
    "projects/my-proj/locations/us-central1/operations/bad..id",
    "projects/my-proj/locations/us-central1/operations/a/b",
    "//clouddeploy.googleapis.com/projects/my-proj/locations/us-central1/operations/pasted",
];

describe("a sweep stays in its scope", () => {
    describe("names the list answers from outside the parent", () => {
        let server: HostileServer;
        let cancelled = false;
        beforeEach(async () => {
            cancelled = false;
            server = await hostileServer((socket, request) => {
                const path = request.target.split("?")[0];
                if (request.method === "GET" && path === `/v1/${PARENT}/operations`) {
                    return answerJson(socket, 200, { operations: [CHILD, ...FOREIGN].map((name) => ({ name, metadata: { verb: "update" } })) });
                }
                if (request.method === "GET" && path === `/v1/${CHILD}`) {
                    return answerJson(socket, 200, cancelled ? { name: CHILD, done: true, error: { code: 1, message: "cancelled" } } : { name: CHILD });
                }
                if (request.method === "POST" && path === `/v1/${CHILD}:cancel`) {
                    cancelled = true;
                    return answerJson(socket, 200, {});
                }
                // Anything else is a request outside the scope: answer as if it worked, the test checks none came.
                const name = decodeURIComponent(path.replace(/^\/v1\//, "").replace(/:cancel$/, ""));
                answerJson(socket, 200, request.method === "POST" ? {} : { name, done: true, error: { code: 1 } });
            });
        });
        afterEach(() => server.close());

        test("each is reported as a failure saying it is out of scope, and never read or cancelled", async () => {
            const client = new OperationsClient({ service: "clouddeploy", endpoint: server.url, credentials: { accessToken: TOKEN }, poll: { initialDelayMs: 10, maxDelayMs: 20 } });
            const result = await sweepOperations(client, { parent: PARENT, selection: {} });
            const paths = server.requests.map((r) => `${r.method} ${decodeURIComponent(r.target.split("?")[0])}`);
            expect(paths.filter((p) => p !== `GET /v1/${PARENT}/operations`)).toEqual(expect.arrayContaining([`GET /v1/${CHILD}`, `POST /v1/${CHILD}:cancel`]));
            for (const p of paths) expect(p).toMatch(new RegExp(`^(GET|POST) /v1/${PARENT}/operations(/mine(:cancel)?)?$`));
            expect(result.items.find((i) => i.name === CHILD)).toMatchObject({ outcome: "CANCELLED", cancelSent: true });
            const refused = result.items.filter((i) => i.name !== CHILD);
            expect(refused.map((i) => i.name).sort()).toEqual([...FOREIGN].sort());
            for (const item of refused) {
                expect(item).toMatchObject({ outcome: "ERROR", cancelSent: false, error: { status: "OUT_OF_SCOPE" } });
                expect(item.error?.message).toMatch(/not read or cancelled/);
            }
            expect(refused.find((i) => i.name.includes("other-proj"))?.error?.message).toContain(`which is not an operation of ${PARENT}`);
            expect(refused.find((i) => i.name.includes("by-number"))?.error?.message).toContain("if 123456789012 is the number of project my-proj, sweep projects/123456789012/locations/us-central1 instead");
            // The project-number hint only where the other project is a number: not for another project id, nor another location.
            for (const item of refused.filter((i) => !i.name.includes("by-number"))) expect(item.error?.message).not.toContain("is the number of project");
            // An invalid name's refusal quotes the parser's reason, which names the field it checked.
            expect(refused.find((i) => i.name.includes("bad..id"))?.error?.message).toMatch(/^ListOperations answered an operation name that is not valid \(operation .*\); it was not read or cancelled$/);
            expect(result.counts).toMatchObject({ listed: 7, matched: 7, cancelled: 1, failed: 6 });
        });

        test("a dry run reports them too (they would not be cancelled)", async () => {
            const client = new OperationsClient({ service: "clouddeploy", endpoint: server.url, credentials: { accessToken: TOKEN } });
            const result = await sweepOperations(client, { parent: PARENT, dryRun: true });
            expect(result.counts).toMatchObject({ matched: 7, skipped: 1, failed: 6 });
            expect(server.requests.every((r) => r.method === "GET" && r.target.startsWith(`/v1/${PARENT}/operations`))).toBe(true);
        });
    });

    test("a parent given by project number: an operation of the same number elsewhere gets no project-number hint", async () => {
        const numbered = "projects/123456789012/locations/us-central1";
        const elsewhere = "projects/123456789012/locations/europe-west1/operations/elsewhere";
        const server = await hostileServer((socket) => answerJson(socket, 200, { operations: [{ name: elsewhere }] }));
        try {
            const client = new OperationsClient({ service: "clouddeploy", endpoint: server.url, credentials: { accessToken: TOKEN } });
            const result = await sweepOperations(client, { parent: numbered });
            expect(result.items).toHaveLength(1);
            expect(result.items[0]).toMatchObject({ name: elsewhere, outcome: "ERROR", error: { status: "OUT_OF_SCOPE" } });
            expect(result.items[0].error?.message).toContain(`which is not an operation of ${numbered}`);
            expect(result.items[0].error?.message).not.toContain("is the number of project");
            expect(server.requests).toHaveLength(1);
        } finally {
            await server.close();
        }
    });

    test("no project-number hint for a project id that only starts or ends with digits; the refusal is exactly the scope sentence", async () => {
        const parent = "projects/my-proj/locations/us-central1";
        const names = ["projects/other-proj-42/locations/us-central1/operations/ends", "projects/42.example.com:other-proj/locations/us-central1/operations/starts"];
        const server = await hostileServer((socket) => answerJson(socket, 200, { operations: names.map((name) => ({ name })) }));
        try {
            const client = new OperationsClient({ service: "clouddeploy", endpoint: server.url, credentials: { accessToken: TOKEN } });
            const result = await sweepOperations(client, { parent });
            expect(result.items.map((i) => [i.name, i.error?.message]).sort()).toEqual(
                names
                    .map((name) => [name, `ListOperations of ${parent} answered ${JSON.stringify(name)}, which is not an operation of ${parent}; out of the sweep's scope, it was not read or cancelled`])
                    .sort(),
            );
            expect(server.requests).toHaveLength(1);
        } finally {
            await server.close();
        }
    });

    describe("regional services: the token goes only to the parent's host", () => {
        let hosts: GoogleHosts;
        beforeEach(async () => {
            hosts = await startGoogleHosts();
            // Visible from any host, so that a request sent to the wrong one would be answered (and counted).
            hosts.emu.addMany(
                { name: "projects/my-proj/locations/us-west1/operations/west", service: "gkemulticloud" },
                { name: "projects/my-proj/locations/us-east4/operations/east", service: "gkemulticloud" },
            );
        });
        afterEach(() => hosts.stop());

        test("a sweep of locations/- lists on the parent's host and reaches no regional host", async () => {
            const client = new OperationsClient({ service: "gkemulticloud", credentials: { accessToken: "emulator-token" }, dispatcher: hosts.dispatcher() });
            const result = await sweepOperations(client, { parent: "projects/my-proj/locations/-", selection: {} });
            expect(new Set(hosts.emu.requests.map((r) => r.hostname))).toEqual(new Set(["gkemulticloud.googleapis.com"]));
            expect(hosts.emu.count({ rpc: "cancel" })).toBe(0);
            expect(result.items).toHaveLength(2);
            for (const item of result.items) {
                expect(item).toMatchObject({ outcome: "ERROR", cancelSent: false, error: { status: "OUT_OF_SCOPE" } });
                expect(item.error?.message).toMatch(/is served by https:\/\/us-(west1|east4)-gkemulticloud\.googleapis\.com, not by https:\/\/gkemulticloud\.googleapis\.com/);
            }
        });

        test("a parent pasted as an API URL carries its service, host and API version to every operation it sweeps", async () => {
            const client = new OperationsClient({ credentials: { accessToken: "emulator-token" }, dispatcher: hosts.dispatcher() });
            const result = await sweepOperations(client, { parent: "https://us-west1-gkemulticloud.googleapis.com/v1beta1/projects/my-proj/locations/us-west1", selection: {} });
            expect(result.items.map((i) => [i.name, i.outcome])).toEqual([["projects/my-proj/locations/us-west1/operations/west", "CANCELLED"]]);
            expect(new Set(hosts.emu.requests.map((r) => r.hostname))).toEqual(new Set(["us-west1-gkemulticloud.googleapis.com"]));
            expect(hosts.emu.requests.map((r) => r.url.split("/")[1])).toEqual(hosts.emu.requests.map(() => "v1beta1"));
            expect(hosts.emu.requests.map((r) => r.rpc)).toEqual(expect.arrayContaining(["list", "get", "cancel"]));
        });

        test("a sweep of one region reaches that region's host only", async () => {
            const client = new OperationsClient({ service: "gkemulticloud", credentials: { accessToken: "emulator-token" }, dispatcher: hosts.dispatcher() });
            const result = await sweepOperations(client, { parent: "projects/my-proj/locations/us-west1", selection: {} });
            expect(result.items.map((i) => [i.name, i.outcome])).toEqual([["projects/my-proj/locations/us-west1/operations/west", "CANCELLED"]]);
            expect(new Set(hosts.emu.requests.map((r) => r.hostname))).toEqual(new Set(["us-west1-gkemulticloud.googleapis.com"]));
        });
    });
});
