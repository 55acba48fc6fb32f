/**
 * The helpers GKE's and Cloud SQL's operation shapes share, in-process: the resource path of a link, and
 * the checks of an operation's id, status and string fields (mutants no in-process test reached).
 */
import { InvalidResponseError } from "../../provider/google";
import { resourcePathOfLink } from "../../provider/google/shapes/apiLink";
import { checkIdStatusAndStrings } from "../../provider/google/shapes/fields";
import { thrownBy } from "../support/outcome";

describe("resourcePathOfLink", () => {
    test.each([
        ["https://container.googleapis.com/v1/projects/123/locations/l/clusters/c", "projects/123/locations/l/clusters/c"],
        ["https://container.googleapis.com/v1beta1/projects/p/zones/z/clusters/c", "projects/p/zones/z/clusters/c"],
        ["https://sqladmin.googleapis.com/sql/v1beta4/projects/p/instances/i", "projects/p/instances/i"],
        ["https://host/v12/projects/p", "projects/p"],
    ])("%s is %s", (link, path) => {
        expect(resourcePathOfLink(link)).toBe(path);
    });

    test.each([
        "projects/p/locations/l/clusters/c",
        "http://container.googleapis.com/v1/projects/p",
        "xhttps://container.googleapis.com/v1/projects/p",
        "https://container.googleapis.com/v1/projects",
        "https://container.googleapis.com/api/v/projects/p",
        "https://container.googleapis.com/v1/other/projects/p",
        "https://container.googleapis.com/a1/v1/projects/p",
        "https://container.googleapis.com/v1-beta/projects/p",
        "https://container.googleapis.com/vx1/projects/p",
    ])("%s is kept as it is", (link) => {
        expect(resourcePathOfLink(link)).toBe(link);
    });
});

describe("checkIdStatusAndStrings", () => {
    const ctx = { method: "get" as const, resource: "projects/p/locations/l/operations/op" };
    const STATUSES = new Set(["RUNNING", "DONE"]);
    const check = (op: Record<string, unknown>) => () => checkIdStatusAndStrings(op, ctx, "the operation", STATUSES, ["detail", "zone"]);

    test("a valid operation passes, with or without the optional fields", () => {
        expect(check({ name: "op" })).not.toThrow();
        expect(check({ name: "op", status: "DONE", detail: "d", zone: "z" })).not.toThrow();
    });

    test.each<[Record<string, unknown>, string]>([
        [{}, "the operation.name is missing, not the operation's id"],
        [{ name: "" }, 'the operation.name is the string "", not the operation\'s id'],
        [{ name: 7 }, "the operation.name is number 7, not the operation's id"],
        [{ name: "op", status: "PAUSED" }, 'the operation.status is the string "PAUSED", not one of RUNNING, DONE'],
        [{ name: "op", status: 1 }, "the operation.status is number 1, not one of RUNNING, DONE"],
        [{ name: "op", detail: 5 }, "the operation.detail is number 5, not a string"],
        [{ name: "op", zone: true }, "the operation.zone is boolean true, not a string"],
    ])("%j is refused: %s", (op, what) => {
        const error = thrownBy(check(op));
        expect(error).toBeInstanceOf(InvalidResponseError);
        expect((error as Error).message).toContain(`get ${ctx.resource}: the server's answer is not a valid Operation: ${what}. `);
    });
});
