/**
 * How answers are read, in-process: outcomes per operation shape, error bodies of every kind, and the
 * permission a PERMISSION_DENIED hint names (mutants no in-process test reached).
 */
import { ERROR_INFO_TYPE } from "../../provider/google/errors";
import { parseErrorBody } from "../../provider/google/errorBody";
import { hintFor } from "../../provider/google/hints";
import { outcomeForShape } from "../../provider/google/outcome";
import type { Operation } from "../../provider/google/types";

describe("outcomeForShape", () => {
    const running: Operation = { name: "op" };
    const finished: Operation = { name: "op", done: true };
    const cancelled: Operation = { name: "op", done: true, error: { code: 1 } };
    const failed: Operation = { name: "op", done: true, error: { code: 13 } };

    test.each<[string, Operation, boolean, string]>([
        ["longrunning", finished, true, "SUCCEEDED"],
        ["longrunning", failed, true, "FAILED"],
        ["longrunning", cancelled, true, "CANCELLED"],
        ["container", finished, true, "ENDED"],
        ["container", failed, true, "ENDED"],
        ["container", cancelled, true, "CANCELLED"],
        ["container", running, true, "RUNNING"],
        ["container", finished, false, "SUCCEEDED"],
        ["container", failed, false, "FAILED"],
        ["sqladmin", finished, true, "SUCCEEDED"],
        ["sqladmin", failed, true, "ENDED"],
        ["sqladmin", cancelled, true, "CANCELLED"],
        ["sqladmin", running, true, "RUNNING"],
        ["sqladmin", failed, false, "FAILED"],
    ])("%s, %j, cancel requested %s: %s", (shape, operation, requested, outcome) => {
        expect(outcomeForShape(shape as "longrunning", operation, requested)).toBe(outcome);
    });
});

describe("parseErrorBody", () => {
    test("an empty or blank body says so, with the status the HTTP status maps to", () => {
        for (const text of ["", "  \n\t"]) expect(parseErrorBody(503, text)).toEqual({ status: "UNAVAILABLE", message: "(empty body from HTTP 503)", details: [] });
    });

    test("JSON that is not an error envelope is shown as it came", () => {
        for (const text of ["null", "[]", "[null]", "42", '"text"', '{"error":null}', '{"error":"flat"}', "[1]"]) {
            const parsed = parseErrorBody(500, text);
            expect(parsed.status).toBe("INTERNAL");
            expect(parsed.message).toBe(`unexpected error body: ${text}`);
        }
    });

    test("an envelope inside a one-element array is read like a bare one", () => {
        const body = { error: { code: 403, message: "denied", status: "PERMISSION_DENIED" } };
        expect(parseErrorBody(403, JSON.stringify([body]))).toMatchObject({ status: "PERMISSION_DENIED", message: "denied" });
        expect(parseErrorBody(403, ` ${JSON.stringify(body)} `)).toMatchObject({ status: "PERMISSION_DENIED", message: "denied" });
    });
});

describe("the PERMISSION_DENIED hint", () => {
    const ctx = { status: "PERMISSION_DENIED" as const, httpStatus: 403, method: "cancel" as const, serviceKey: "clouddeploy", attempts: 1 };

    test("names the permission of the ErrorInfo detail, not of another detail", () => {
        const details = [
            { "@type": "type.googleapis.com/google.rpc.Help", metadata: { permission: "not.this.one" } },
            { "@type": ERROR_INFO_TYPE, reason: "IAM_PERMISSION_DENIED", metadata: { permission: "clouddeploy.operations.cancel.fromInfo" } },
        ];
        const hint = hintFor({ ...ctx, details });
        expect(hint).toContain("lacks the IAM permission clouddeploy.operations.cancel.fromInfo on the operation's project");
        expect(hint).not.toContain("not.this.one");
    });

    test("without an ErrorInfo, the permission the method needs on the service", () => {
        expect(hintFor({ ...ctx, details: [{ "@type": "type.googleapis.com/google.rpc.Help", metadata: { permission: "not.this.one" } }] })).toContain(
            "lacks the IAM permission clouddeploy.operations.cancel on",
        );
    });
});
