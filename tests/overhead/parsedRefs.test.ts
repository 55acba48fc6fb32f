/**
 * One name parse and one URL build per operation (issue 10, CPU per request): a swept operation's
 * reference, with its parent's endpoint carried over, stays a parsed (frozen, trusted) reference, so the
 * three or more requests of its cancel-and-confirm reuse one resolution.
 */
import * as endpointModule from "../../provider/google/endpoint";
import * as namesModule from "../../provider/google/names";
import { isParsedRef, parseOperationName, parseParentName, withParentEndpoint } from "../../provider/google/names";
import { sweepOperations } from "../../provider/sweep/index";
import { PARENT, clientFor, many, useEmulator } from "../sweep/support/helpers";

describe("withParentEndpoint", () => {
    const child = parseOperationName("projects/my-project/locations/us-west1/operations/op-1");
    const parent = parseParentName("https://us-west1-gkemulticloud.googleapis.com/v1/projects/my-project/locations/us-west1");

    test("carries the parent's service, host and API version onto the child, and keeps it parsed", () => {
        const ref = withParentEndpoint(child, parent);
        expect(ref).toMatchObject({ name: child.name, service: "gkemulticloud", host: "us-west1-gkemulticloud.googleapis.com", apiVersion: "v1" });
        expect(isParsedRef(ref)).toBe(true);
        expect(Object.isFrozen(ref)).toBe(true);
        expect(isParsedRef(child)).toBe(true);
        expect(child.service).toBeUndefined();
    });

    test("the host only for a child in the parent's own location", () => {
        const elsewhere = parseOperationName("projects/my-project/locations/europe-west1/operations/op-1");
        expect(withParentEndpoint(elsewhere, parent).host).toBeUndefined();
    });

    test("a reference built by hand on either side gives a plain copy, validated where it is used", () => {
        expect(isParsedRef(withParentEndpoint({ ...child }, parent))).toBe(false);
        expect(isParsedRef(withParentEndpoint(child, { ...parent }))).toBe(false);
        expect(Object.isFrozen(withParentEndpoint({ ...child }, parent))).toBe(false);
    });
});

describe("a sweep's work per operation", () => {
    const { emu, url } = useEmulator();

    test("each swept operation's name is parsed once and its URL built once, for its three requests", async () => {
        emu().addMany(...many(5, "once"));
        const { client } = clientFor(url());
        const built = jest.spyOn(endpointModule, "resourceUrl");
        const parsed = jest.spyOn(namesModule, "parseOperationName");
        try {
            const result = await sweepOperations(client, { parent: PARENT, maxConcurrency: 2 });
            expect(result.counts).toMatchObject({ listed: 5, cancelled: 5 });
            expect(emu().count({ rpc: "get" }) + emu().count({ rpc: "cancel" })).toBe(15);
            expect(parsed).toHaveBeenCalledTimes(5);
            // One per operation, and one for the parent's list URL.
            expect(built).toHaveBeenCalledTimes(6);
        } finally {
            built.mockRestore();
            parsed.mockRestore();
        }
    });
});
