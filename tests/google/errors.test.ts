import { GoogleApiError, parseErrorBody, redact } from "../../provider/google";
import { hintFor } from "../../provider/google/hints";
import { backoffDelay, parseProtoDuration, parseRetryAfter, retryOptions, serverRetryDelay } from "../../provider/google/retry";
import { formatDuration, parseDuration } from "../../provider/util/duration";

describe("parseErrorBody", () => {
    test("reads AIP-193 JSON with details", () => {
        const body = JSON.stringify({
            error: {
                code: 403,
                message: "Permission 'clouddeploy.operations.cancel' denied",
                status: "PERMISSION_DENIED",
                details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", metadata: { permission: "clouddeploy.operations.cancel" } }],
            },
        });
        const parsed = parseErrorBody(403, body);
        expect(parsed.status).toBe("PERMISSION_DENIED");
        expect(parsed.message).toMatch(/denied/);
        expect(parsed.details[0].reason).toBe("IAM_PERMISSION_DENIED");
    });

    test("distinguishes statuses that share HTTP 400 by the status field", () => {
        expect(parseErrorBody(400, '{"error":{"code":400,"message":"done","status":"FAILED_PRECONDITION"}}').status).toBe("FAILED_PRECONDITION");
        expect(parseErrorBody(400, '{"error":{"code":400,"message":"bad"}}').status).toBe("INVALID_ARGUMENT");
    });

    test("reads an array-wrapped error", () => {
        expect(parseErrorBody(404, '[{"error":{"code":404,"message":"nope","status":"NOT_FOUND"}}]').message).toBe("nope");
    });

    test.each([
        [502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", /HTML.*502 Bad Gateway/, "INTERNAL"],
        [503, "", /empty body/, "UNAVAILABLE"],
        [500, '{"error":{"code":500,"mess', /truncated or malformed JSON/, "INTERNAL"],
        [504, "upstream request timeout", /non-JSON body: upstream/, "DEADLINE_EXCEEDED"],
        [429, '{"unexpected":true}', /unexpected error body/, "RESOURCE_EXHAUSTED"],
    ])("survives a non-JSON body (HTTP %d)", (status, body, message, code) => {
        const parsed = parseErrorBody(status as number, body as string);
        expect(parsed.message).toMatch(message as RegExp);
        expect(parsed.status).toBe(code);
    });
});

describe("redact", () => {
    test("removes exact secrets and bearer-shaped tokens", () => {
        expect(redact("token s3cr3t-token-value and Bearer abc.def and ya29.a0AfH6", ["s3cr3t-token-value"])).toBe("token [redacted] and Bearer [redacted] and [redacted]");
    });
});

describe("hints", () => {
    test("names the missing IAM permission from ErrorInfo", () => {
        const hint = hintFor({ status: "PERMISSION_DENIED", httpStatus: 403, method: "cancel", details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", metadata: { permission: "x.y.z" } }], attempts: 1 });
        expect(hint).toMatch(/x\.y\.z/);
    });
    test("derives the permission from the service when ErrorInfo is absent", () => {
        expect(hintFor({ status: "PERMISSION_DENIED", httpStatus: 403, method: "cancel", serviceKey: "clouddeploy", details: [], attempts: 1 })).toMatch(/clouddeploy\.operations\.cancel/);
    });
    test("says what to do for 401, 404 and 501", () => {
        expect(hintFor({ status: "UNAUTHENTICATED", httpStatus: 401, method: "get", details: [], attempts: 1 })).toMatch(/gcloud auth application-default login/);
        expect(hintFor({ status: "NOT_FOUND", httpStatus: 404, method: "get", details: [], attempts: 1 })).toMatch(/does not exist or has expired.*30 days.*service or location is wrong/);
        expect(hintFor({ status: "UNIMPLEMENTED", httpStatus: 501, method: "cancel", details: [], attempts: 1 })).toMatch(/does not support cancelling operations/);
    });
    test("GoogleApiError's message names operation, HTTP and Google status and the hint", () => {
        const e = new GoogleApiError({ httpStatus: 404, status: "NOT_FOUND", googleMessage: "gone", details: [], method: "get", resource: "projects/p/locations/l/operations/o", hint: "Do X", attempts: 1 });
        expect(e.message).toBe("get projects/p/locations/l/operations/o failed: HTTP 404 NOT_FOUND: gone. Do X");
        expect(e.code).toBe("ERR_GOOGLE_API");
    });
});

describe("retry arithmetic", () => {
    test("parses Retry-After and RetryInfo", () => {
        expect(parseRetryAfter("3")).toBe(3000);
        expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
        expect(parseRetryAfter("soon")).toBeUndefined();
        expect(parseProtoDuration("1.5s")).toBe(1500);
        expect(serverRetryDelay([{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }], "9")?.ms).toBe(2000);
        expect(serverRetryDelay([], "9")).toEqual({ ms: 9000, source: "Retry-After: 9" });
    });
    test("backoff grows, is capped and jittered within [ceiling/2, ceiling]", () => {
        const options = retryOptions({ initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2 });
        expect(backoffDelay(options, 1, () => 0)).toBe(50);
        expect(backoffDelay(options, 1, () => 1)).toBe(100);
        expect(backoffDelay(options, 3, () => 1)).toBe(400);
        expect(backoffDelay(options, 10, () => 1)).toBe(1000);
    });
    test("rejects bad retry options", () => {
        expect(() => retryOptions({ maxAttempts: 0 })).toThrow(/retry.maxAttempts/);
    });
});

describe("durations", () => {
    test.each([["90s", 90_000], ["20m", 1_200_000], ["1h30m", 5_400_000], ["500ms", 500], [5, 5000], ["1.5s", 1500]])("parses %s", (input, ms) => {
        expect(parseDuration(input as string | number, "timeout")).toBe(ms);
    });
    test.each(["", "20", "20 minutes", "-1s", "1x"])("rejects %j naming the field", (input) => {
        expect(() => parseDuration(input, "timeout")).toThrow(/^timeout must be a duration/);
    });
    test("formats", () => {
        expect(formatDuration(850)).toBe("850ms");
        expect(formatDuration(12_300)).toBe("12.3s");
        expect(formatDuration(245_000)).toBe("4m05s");
    });
});
