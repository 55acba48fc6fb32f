/**
 * What a reference carries: a parsed one has a `host`, `apiVersion` or `service` only when its input gave
 * one; an operation listed under a parent takes the parent's endpoint hints without losing its own (and
 * the parent's host only in the parent's location); segments read from a hand-made name are whole
 * `collection/id` pairs. Mutants that set these fields to `undefined`, or made a pair of a trailing
 * collection without its id, survived the mutation run (docs/mutation.md).
 */
import { parseOperationName, parseParentName, resolveEndpoint, segmentsOfRef, withParentEndpoint } from "../../provider/google";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";

describe("a parsed reference's fields", () => {
    test("a plain name has no host, API version or service", () => {
        expect(Object.keys(parseOperationName(OP))).toEqual(["project", "location", "operation", "parent", "name", "segments"]);
        expect(Object.keys(parseParentName("projects/my-proj/locations/us-central1"))).toEqual(["project", "location", "name", "segments"]);
    });

    test("a full resource name has its service only; an API URL its host, version and service", () => {
        expect(Object.keys(parseOperationName(`//clouddeploy.googleapis.com/${OP}`))).toEqual(["project", "location", "operation", "parent", "name", "segments", "service"]);
        expect(parseOperationName(`https://clouddeploy.googleapis.com/v1/${OP}`)).toMatchObject({ host: "clouddeploy.googleapis.com", apiVersion: "v1", service: "clouddeploy" });
    });
});

describe("an operation listed under a parent", () => {
    test("keeps its own host, API version and service when the parent names none", () => {
        const child = parseOperationName(`https://clouddeploy.googleapis.com/v1beta1/${OP}`);
        const listed = withParentEndpoint(child, parseParentName("projects/my-proj/locations/us-central1"));
        expect(listed).toStrictEqual({ ...child });
        expect(resolveEndpoint(listed, {})).toMatchObject({ baseUrl: "https://clouddeploy.googleapis.com", apiVersion: "v1beta1", serviceKey: "clouddeploy" });
    });

    test("a plain one under a plain parent gains no fields", () => {
        expect(Object.keys(withParentEndpoint(parseOperationName(OP), parseParentName("projects/my-proj/locations/-")))).toEqual([
            "project",
            "location",
            "operation",
            "parent",
            "name",
            "segments",
        ]);
    });

    test("takes the parent's service and version, and its regional host only in the parent's own location", () => {
        const parent = parseParentName("https://us-west1-gkemulticloud.googleapis.com/v1/projects/my-proj/locations/us-west1");
        const here = withParentEndpoint(parseOperationName("projects/my-proj/locations/us-west1/operations/op-1"), parent);
        expect(here).toMatchObject({ service: "gkemulticloud", apiVersion: "v1", host: "us-west1-gkemulticloud.googleapis.com" });
        const elsewhere = withParentEndpoint(parseOperationName("projects/my-proj/locations/us-east4/operations/op-1"), parent);
        expect(elsewhere).toMatchObject({ service: "gkemulticloud", apiVersion: "v1" });
        expect(elsewhere).not.toHaveProperty("host");
        expect(resolveEndpoint(elsewhere, {}).baseUrl).toBe("https://us-east4-gkemulticloud.googleapis.com");
    });
});

describe("segments read from a hand-made name", () => {
    test("are whole collection/id pairs: a trailing collection without its id makes none", () => {
        expect(segmentsOfRef({ name: "projects/my-proj/locations" })).toEqual([["projects", "my-proj"]]);
        expect(segmentsOfRef({ name: "projects/my-proj/locations/us-central1/" })).toEqual([
            ["projects", "my-proj"],
            ["locations", "us-central1"],
        ]);
        expect(segmentsOfRef({ name: OP })).toEqual([
            ["projects", "my-proj"],
            ["locations", "us-central1"],
            ["operations", "op-1"],
        ]);
    });
});
