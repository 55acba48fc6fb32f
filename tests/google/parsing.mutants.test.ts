/**
 * What the client reads from servers' words, in-process (survivors of the mutation run, docs/mutation.md):
 * Retry-After and RetryInfo delays exact to their grammar, the hint per status, error bodies of every
 * kind, and the nesting depth of JSON with brackets inside strings.
 */
import { GoogleApiError, RETRY_INFO_TYPE } from "../../provider/google/errors";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { parseErrorBody } from "../../provider/google/errorBody";
import { hintFor, type HintContext } from "../../provider/google/hints";
import { jsonDepth } from "../../provider/google/json";
import { pollDelay } from "../../provider/google/poll";
import { SharedBackoff, parseProtoDuration, parseRetryAfter, serverRetryDelay } from "../../provider/google/retry";
import { thrownBy } from "../support/outcome";

describe("Retry-After", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");

    test.each<[string, number | undefined]>([
        ["5", 5_000],
        [" 5 ", 5_000],
        ["1.5", 1_500],
        ["1.25", 1_250],
        ["0", 0],
        ["x5", undefined],
        ["5x", undefined],
        ["Wed, 02 Dec 2026 10:00:30 GMT", 30_000],
        ["Wed, 02 Dec 2026 09:00:00 GMT", 0],
        [`Wed, 02 Dec 2026 10:00:30 GMT${" ".repeat(80)}(comment)`, undefined],
    ])("%j is %s ms", (header, ms) => {
        expect(parseRetryAfter(header, now)).toBe(ms);
    });
});

describe("google.protobuf.Duration", () => {
    test.each<[unknown, number | undefined]>([
        ["2s", 2_000],
        ["0.5s", 500],
        ["1.25s", 1_250],
        [" 3s ", 3_000],
        ["-1s", 0],
        ["x2s", undefined],
        ["2sx", undefined],
        ["2", undefined],
        [2, undefined],
    ])("%j is %s ms", (value, ms) => {
        expect(parseProtoDuration(value)).toBe(ms);
    });

    test("the source of a delay names RetryInfo first, clipped to 40 characters, then Retry-After", () => {
        const long = `0.${"0".repeat(50)}1s`;
        expect(serverRetryDelay([{ "@type": RETRY_INFO_TYPE, retryDelay: long }], "9")).toEqual({ ms: 0, source: `RetryInfo.retryDelay ${JSON.stringify(long.slice(0, 40))}` });
        expect(serverRetryDelay([{ "@type": RETRY_INFO_TYPE, retryDelay: "bad" }], " 9 ")).toEqual({ ms: 9_000, source: "Retry-After: 9" });
        expect(serverRetryDelay([], undefined)).toBeUndefined();
    });
});

describe("hints", () => {
    const hint = (status: HintContext["status"], extra: Partial<HintContext> = {}) => hintFor({ status, httpStatus: 400, method: "cancel", details: [], attempts: 3, ...extra });

    test("each status has its own advice", () => {
        expect(hint("UNAUTHENTICATED")).toBe(
            "The credentials were missing, invalid or expired: run `gcloud auth application-default login`, or set accessToken / gcp:accessToken / GOOGLE_OAUTH_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS / gcp:credentials",
        );
        expect(hint("FAILED_PRECONDITION")).toBe("The operation is not in a state that allows this (it may have finished already)");
        expect(hint("INVALID_ARGUMENT")).toBe("Google rejected the request as malformed: check the operation name, the API version and the filter");
        for (const status of ["UNAVAILABLE", "INTERNAL", "UNKNOWN", "DEADLINE_EXCEEDED"] as const) {
            expect(hint(status)).toBe("The service failed transiently on 3 attempt(s); try again later");
        }
        expect(hint("NOT_FOUND", { method: "list" })).toBe("The project or location does not exist for this service, or the service or location is wrong");
        expect(hint("UNIMPLEMENTED", { method: "get" })).toBe("This service does not implement this method on its operations");
        expect(hint("UNIMPLEMENTED")).toBe("This service does not support cancelling operations");
        expect(hint("ABORTED")).toBe("");
        expect(hint("ALREADY_EXISTS")).toBe("");
    });

    test("PERMISSION_DENIED names the permission from ErrorInfo (a string only), else the method's, else the pattern", () => {
        const info = (permission: unknown) => [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", metadata: { permission } }];
        expect(hint("PERMISSION_DENIED", { details: info("x.operations.cancel"), serviceKey: "clouddeploy" })).toContain("lacks the IAM permission x.operations.cancel on");
        expect(hint("PERMISSION_DENIED", { details: info(7), serviceKey: "clouddeploy" })).toContain("lacks the IAM permission clouddeploy.operations.cancel on");
        expect(hint("PERMISSION_DENIED", { method: "get" })).toBe(
            "The caller lacks the IAM permission for this method on the operation's project: grant a role that includes {service}.operations.get",
        );
    });
});

describe("error bodies", () => {
    test("an envelope's fields are taken only in their types; details keep objects only", () => {
        expect(parseErrorBody(403, JSON.stringify({ error: { message: 5, status: "NOPE", details: [null, 1, "s", { "@type": "t" }] } }))).toEqual({
            status: "PERMISSION_DENIED",
            message: "",
            details: [{ "@type": "t" }],
        });
        expect(parseErrorBody(400, JSON.stringify({ error: { message: "m", status: "NOT_FOUND", details: {} } }))).toEqual({ status: "NOT_FOUND", message: "m", details: [] });
    });

    test("an HTML page is shown by its title; JSON cut short and plain text say what they are; long text is clipped at 300", () => {
        expect(parseErrorBody(502, "<html><head><TITLE lang=en> 502 Bad Gateway </TITLE></head></html>").message).toBe("non-JSON (HTML) body: 502 Bad Gateway");
        expect(parseErrorBody(502, "<html><title></title><body>x</body></html>").message).toBe("non-JSON body: <html><title></title><body>x</body></html>");
        expect(parseErrorBody(500, '{"error": {"message": "cut').message).toBe('truncated or malformed JSON body: {"error": {"message": "cut');
        expect(parseErrorBody(500, "a".repeat(300)).message).toBe(`non-JSON body: ${"a".repeat(300)}`);
        expect(parseErrorBody(500, "a".repeat(301)).message).toBe(`non-JSON body: ${"a".repeat(300)}…`);
        expect(parseErrorBody(500, "line one\n\n  line two").message).toBe("non-JSON body: line one line two");
    });
});

describe("jsonDepth", () => {
    test("brackets inside strings, escaped quotes included, do not count", () => {
        expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
        expect(jsonDepth('{"a":"\\"[[[","b":[1]}')).toBe(2);
        expect(jsonDepth('["\\\\",[[]]]')).toBe(3);
        expect(jsonDepth("[[[[]]]]", 3)).toBe(4);
    });
});

describe("poll delays", () => {
    test("jitter spreads a delay evenly over base ± jitter × base; the base is capped at the maximum, the jitter applied after", () => {
        const schedule = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: 0.5 };
        expect([0, 0.5, 1].map((r) => pollDelay(schedule, 1, () => r))).toEqual([50, 100, 150]);
        expect(pollDelay(schedule, 3, () => 0.5)).toBe(400);
        expect(pollDelay(schedule, 10, () => 1)).toBe(1_500);
    });
});

describe("messages of refused names and failed calls", () => {
    const refusal = (run: () => unknown) => (thrownBy(run) as Error).message;

    test("a project id names the character, or the part after the domain, that breaks the rule", () => {
        expect(refusal(() => parseOperationName("projects/my_proj1/locations/l/operations/o"))).toContain('has an invalid project "my_proj1": it contains "_"; a project id is 6 to 30');
        expect(refusal(() => parseOperationName("projects/example.com:My-proj/locations/l/operations/o"))).toContain(
            'has an invalid project "example.com:My-proj": the project id "My-proj" after the domain breaks the rule: it has uppercase letters; ',
        );
        expect(refusal(() => parseParentName(7))).toBe(
            "parent must be a string; expected projects/{project}/locations/{location} (or the service's own form, such as projects/{project}/instances/{instance}), the same after //{service}.googleapis.com/ or https://{service}.googleapis.com/v1/",
        );
    });

    test("a Google error: its message without trailing dots, or that it had none; the attempts and the hint after it", () => {
        const error = (googleMessage: string, attempts: number, hint: string) =>
            new GoogleApiError({ httpStatus: 500, status: "INTERNAL", googleMessage, details: [], method: "get", resource: "r", hint, attempts }).message;
        expect(error("Boom. \n", 2, "Try later")).toBe("get r failed: HTTP 500 INTERNAL: Boom (after 2 attempts). Try later");
        expect(error(" ...", 1, "")).toBe("get r failed: HTTP 500 INTERNAL: (no message)");
    });
});

describe("the client's gate", () => {
    test("a huge delay closes it for at most the longest timer Node can set (a longer one would fire at once)", () => {
        const backoff = new SharedBackoff();
        backoff.closeFor(Number.MAX_SAFE_INTEGER);
        expect(backoff.remaining()).toBeLessThanOrEqual(2 ** 31 - 1);
        expect(backoff.remaining()).toBeGreaterThan(2 ** 31 - 1 - 60_000);
    });
});
