/**
 * The client's less travelled paths against the emulator (mutants no in-process test reached in the mutation
 * run, docs/mutation.md): a user agent of the caller's, a listing cut by its own deadline, references built
 * by hand held to a parsed one's rules, and the sentence for each way an operation can still be running.
 */
import { DeadlineExceededError, InvalidNameError, OperationsClient, describeOutcome, parseOperationName, type OperationRef } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";

const PARENT = "projects/edge-proj/locations/us-central1";
const OP = `${PARENT}/operations/op-1`;

describe("client edges", () => {
    const { emu, url } = useEmulatorPerTest();
    const client = (extra: Partial<ConstructorParameters<typeof OperationsClient>[0]> = {}) =>
        new OperationsClient({ endpoint: url(), credentials: { accessToken: "emulator-token" }, retry: { initialDelayMs: 10, maxDelayMs: 50 }, poll: { initialDelayMs: 10, maxDelayMs: 50 }, ...extra });

    test("a user agent of the caller's follows the library's own", async () => {
        emu().add({ name: OP });
        await client({ userAgent: "my-pipeline/2.0" }).getOperation(OP);
        await client().getOperation(OP);
        const [withOwn, without] = emu().requests.map((r) => r.userAgent ?? "");
        expect(withOwn).toMatch(/^pulumi-gcp-operations\/\S+ my-pipeline\/2\.0$/);
        expect(without).toMatch(/^pulumi-gcp-operations\/\S+$/);
    });

    test("a listing whose own deadline passes while a page is read says so, and marks it as the listing's deadline", async () => {
        emu().addMany({ name: `${PARENT}/operations/a` }, { name: `${PARENT}/operations/b` });
        emu().injectFault({ match: { rpc: "list" }, sequence: [{ kind: "none" }, ...Array.from({ length: 10 }, () => ({ kind: "hang" as const }))] });
        const pages = client().listOperationPages(PARENT, { pageSize: 1, timeoutMs: 2_000 });
        const first = await pages.next();
        expect(first.value?.operations).toHaveLength(1);
        const err = await pages.next().then(
            () => undefined,
            (e: unknown) => e as DeadlineExceededError,
        );
        expect(err).toBeInstanceOf(DeadlineExceededError);
        expect(err?.message).toMatch(new RegExp(`^list ${PARENT}: the listing's deadline of 2\\.0s passed after 1 page\\(s\\), while page 2 was read; the rest was not listed$`));
        expect(err?.listingDeadline).toBe(true);
        expect(err?.callDeadline).toBe(true);
    });

    test("a reference built by hand is held to a parsed one's rules: its fields must make its name", async () => {
        emu().add({ name: OP });
        const parsed = parseOperationName(OP);
        const byHand = (fields: Partial<OperationRef>) => ({ project: "edge-proj", location: "us-central1", operation: "op-1", parent: PARENT, name: OP, ...fields }) as OperationRef;
        await expect(client().getOperation(byHand({}))).resolves.toMatchObject({ name: OP });
        await expect(client().getOperation({ ...parsed })).resolves.toMatchObject({ name: OP });
        for (const wrong of [
            byHand({ project: "other-proj" }),
            byHand({ location: "us-east1" }),
            byHand({ operation: "op-2" }),
            byHand({ segments: [["projects", "edge-proj"], ["locations", "us-east1"], ["operations", "op-1"]] }),
            byHand({ name: `${OP}/` }),
        ]) {
            const err = await client().getOperation(wrong).catch((e: unknown) => e as Error);
            expect(err).toBeInstanceOf(InvalidNameError);
            expect((err as Error).message).toBe("operation must be a name such as projects/{project}/locations/{location}/operations/{operation} (or a reference parsed from one)");
        }
        // The wildcard location lists only; an operation named under it is refused before any request.
        const wildcard = byHand({ location: "-", name: `projects/edge-proj/locations/-/operations/op-1`, parent: "projects/edge-proj/locations/-" });
        const refused = await client()
            .getOperation(wildcard)
            .then(
                () => undefined,
                (e: unknown) => e as Error,
            );
        expect(refused).toBeInstanceOf(InvalidNameError);
        expect(refused?.message).toBe("operation must be a name such as projects/{project}/locations/{location}/operations/{operation} (or a reference parsed from one)");
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test("a still-running operation is described by whether a cancel was sent", () => {
        expect(describeOutcome(OP, "RUNNING", true)).toBe(`cancel of ${OP} was requested, but it was still running when the wait ended`);
        expect(describeOutcome(OP, "RUNNING", false)).toBe(`${OP} is still running`);
    });

    test("an operation that vanishes between its cancel and the read after it is NOT_FOUND, the cancel sent", async () => {
        emu().add({ name: OP });
        emu().injectFault({ match: { rpc: "get", operation: OP }, sequence: [{ kind: "none" }, { kind: "status", code: "NOT_FOUND" }] });
        const result = await client().cancelAndConfirm(OP, { wait: false });
        expect(result).toMatchObject({ outcome: "NOT_FOUND", cancelSent: true });
        expect(emu().count({ rpc: "cancel" })).toBe(1);
    });

    test("a cancel refused as FAILED_PRECONDITION for an operation gone when read again is NOT_FOUND, no cancel sent", async () => {
        emu().add({ name: OP });
        emu().injectFault({ match: { rpc: "cancel" }, fault: { kind: "status", code: "FAILED_PRECONDITION" } });
        emu().injectFault({ match: { rpc: "get", operation: OP }, sequence: [{ kind: "none" }, { kind: "status", code: "NOT_FOUND" }] });
        const result = await client().cancelAndConfirm(OP, { wait: false });
        expect(result).toMatchObject({ outcome: "NOT_FOUND", cancelSent: false });
        expect(result.error).toMatchObject({ status: "FAILED_PRECONDITION" });
        expect(emu().count({ rpc: "get" })).toBe(2);
    });

    test("an abort while the cancel's confirming read hangs ends the call at once", async () => {
        emu().add({ name: OP });
        emu().injectFault({ match: { rpc: "get", operation: OP }, sequence: [{ kind: "none" }, { kind: "hang" }] });
        const controller = new AbortController();
        const started = Date.now();
        // Aborted once the cancel was accepted, while the read after it hangs.
        const onCancelAccepted = () => void setTimeout(() => controller.abort(new Error("interrupted")), 50);
        const pending = client().cancelAndConfirm(OP, { wait: false, timeoutMs: 30_000, signal: controller.signal, onCancelAccepted }).then(
            () => undefined,
            (e: unknown) => e as Error,
        );
        const err = await pending;
        expect(err?.message).toMatch(/was aborted/);
        expect(Date.now() - started).toBeLessThan(10_000);
    });
});
