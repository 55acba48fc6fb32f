/**
 * The client's smaller promises (mutants that survived the mutation run, docs/mutation.md): a reference built by hand checked again on every call (only parsed ones are
 * remembered); a parent where an operation is expected; the listing's options, deadline and endless-page
 * refusal in their exact words; the sentence for every outcome; the status text an operation carries.
 */
import { createServer, type Server } from "node:http";
import {
    DeadlineExceededError,
    InvalidNameError,
    InvalidOptionError,
    InvalidResponseError,
    OperationsClient,
    describeOutcome,
    parseParentName,
    statusMessageOf,
    type OperationRef,
} from "../../provider/google";
import { listenOnLoopback } from "../support/listenOnLoopback";
import { rejectionOf, thrownBy } from "../support/outcome";
import { DEPLOY_OP, TOKEN, useEmulator } from "./support";

const PARENT = "projects/my-proj/locations/us-central1";

describe("the client's smaller promises", () => {
    const { emu, client } = useEmulator();

    test("a reference built by hand is checked on every call: changed after a first call, the next request follows it", async () => {
        const second = `${PARENT}/operations/op-2`;
        emu().addMany({ name: DEPLOY_OP }, { name: second });
        const byHand = { project: "my-proj", location: "us-central1", operation: DEPLOY_OP.split("/").pop(), parent: PARENT, name: DEPLOY_OP } as OperationRef;
        const c = client();
        await expect(c.getOperation(byHand)).resolves.toMatchObject({ name: DEPLOY_OP });
        Object.assign(byHand, { operation: "op-2", name: second });
        await expect(c.getOperation(byHand)).resolves.toMatchObject({ name: second });
        expect(emu().requests.map((r) => r.operation)).toEqual([DEPLOY_OP, second]);
        // Changed to something invalid, it is refused, not answered from an earlier call.
        Object.assign(byHand, { project: "other-proj" });
        expect(await rejectionOf(c.getOperation(byHand))).toBeInstanceOf(InvalidNameError);
        expect(emu().count()).toBe(2);
    });

    test("a parsed parent given where an operation is expected is refused, naming the field", async () => {
        const err = await rejectionOf(client().getOperation(parseParentName(PARENT) as OperationRef));
        expect(err).toBeInstanceOf(InvalidNameError);
        expect((err as InvalidNameError).field).toBe("operation");
        expect(emu().count()).toBe(0);
    });

    test("a parent that is not a name is refused under the field 'parent' unless the caller names another", () => {
        const c = client();
        const err = thrownBy(() => c.resolveParent("nope"));
        expect(err).toBeInstanceOf(InvalidNameError);
        expect((err as InvalidNameError).field).toBe("parent");
        expect((err as Error).message).toMatch(/^parent /);
        expect((thrownBy(() => c.resolveParent("nope", "location")) as InvalidNameError).field).toBe("location");
    });

    test("a pageSize that is not a positive integer is refused in words that name it", async () => {
        for (const bad of [0, 1.5, -3]) {
            const err = await rejectionOf(client().listOperationPages(PARENT, { pageSize: bad }).next());
            expect(err).toBeInstanceOf(InvalidOptionError);
            expect((err as InvalidOptionError).field).toBe("pageSize");
            expect((err as Error).message).toBe("pageSize must be a positive integer");
        }
        expect(emu().count()).toBe(0);
    });

    test("a listing whose deadline passes between pages stops before asking for the next page, and says so", async () => {
        emu().addMany({ name: `${PARENT}/operations/a` }, { name: `${PARENT}/operations/b` });
        const pages = client().listOperationPages(PARENT, { pageSize: 1, timeoutMs: 300 });
        expect((await pages.next()).value?.operations).toHaveLength(1);
        await new Promise((resolve) => setTimeout(resolve, 400));
        const err = await rejectionOf(pages.next());
        expect(err).toBeInstanceOf(DeadlineExceededError);
        expect((err as Error).message).toBe(`list ${PARENT}: the listing's deadline of 300ms passed after 1 page(s); the rest was not listed`);
        expect((err as DeadlineExceededError).listingDeadline).toBe(true);
        expect((err as DeadlineExceededError).callDeadline).toBe(true);
        expect(emu().count({ rpc: "list" })).toBe(1);
    });

    test("a page cut by its own timeout (pageTimeoutMs), well inside the listing's deadline, is not blamed on the listing", async () => {
        emu().add({ name: `${PARENT}/operations/a` });
        emu().injectFault({ match: { rpc: "list" }, fault: { kind: "hang" } });
        const err = await rejectionOf(client().listOperationPages(PARENT, { timeoutMs: 60_000, pageTimeoutMs: 400 }).next());
        expect(err).toBeInstanceOf(DeadlineExceededError);
        expect((err as DeadlineExceededError).listingDeadline).toBe(false);
        expect((err as Error).message).not.toMatch(/listing's deadline/);
    });

    test("a page token answered twice stops the listing with advice to check the endpoint", async () => {
        const server: Server = createServer((_req, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify({ operations: [], nextPageToken: "same-token" }));
        });
        const url = await listenOnLoopback(server);
        try {
            const c = new OperationsClient({ service: "clouddeploy", endpoint: url, credentials: { accessToken: TOKEN } });
            const err = await rejectionOf((async () => {
                for await (const page of c.listOperationPages(PARENT)) void page;
            })());
            expect(err).toBeInstanceOf(InvalidResponseError);
            expect((err as Error).message).toBe(
                `list ${PARENT}: page 2 answered a nextPageToken already answered by an earlier page; the listing would never end, so it stops here. ` +
                    "Check that endpoint points at a Google API (or the emulator)",
            );
        } finally {
            await new Promise((resolve) => server.close(resolve));
        }
    });

    test("each outcome has its own sentence, with and without a cancel sent", () => {
        const name = "projects/p/locations/l/operations/o";
        const sentences = {
            CANCELLED: [`${name} was cancelled`, `${name} had already been cancelled; no cancel was sent`],
            SUCCEEDED: [`${name} finished successfully before the cancel took effect`, `${name} had already finished successfully; no cancel was sent`],
            FAILED: [`${name} failed before the cancel took effect`, `${name} had already failed; no cancel was sent`],
            RUNNING: [`cancel of ${name} was requested, but it was still running when the wait ended`, `${name} is still running`],
            NOT_FOUND: Array(2).fill(`${name} was not found: it does not exist or has expired (Google keeps operations for about 30 days), or the service or location is wrong`),
            UNSUPPORTED: Array(2).fill(`the service does not support cancelling ${name}`),
            ENDED: Array(2).fill(`${name} ended after the cancel was requested; its service's answer cannot tell whether the cancel stopped it or it finished on its own`),
        } as const;
        for (const [outcome, [sent, notSent]] of Object.entries(sentences)) {
            expect(describeOutcome(name, outcome as keyof typeof sentences, true)).toBe(sent);
            expect(describeOutcome(name, outcome as keyof typeof sentences, false)).toBe(notSent);
        }
    });

    test("the status text is Cloud Deploy's statusMessage, else GKE Multi-Cloud's statusDetail, and only a non-empty string", () => {
        expect(statusMessageOf({ name: "n", metadata: { statusMessage: "Deploying", statusDetail: "Creating" } })).toEqual({ statusMessage: "Deploying" });
        expect(statusMessageOf({ name: "n", metadata: { statusDetail: "Creating cluster" } })).toEqual({ statusMessage: "Creating cluster" });
        expect(statusMessageOf({ name: "n", metadata: { statusMessage: "Deploying" } })).toEqual({ statusMessage: "Deploying" });
        expect(statusMessageOf({ name: "n", metadata: { statusMessage: "" } })).toEqual({});
        expect(statusMessageOf({ name: "n", metadata: { statusMessage: 7 } })).toEqual({});
        expect(statusMessageOf({ name: "n" })).toEqual({});
    });
});
