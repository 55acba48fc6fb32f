/**
 * The code name assumed for an error body without a `status`, for the HTTP statuses Google's clients do not
 * name one by one (survivors of the mutation run, docs/mutation.md): every 2xx is OK, from 200 to 299; the
 * other 5xx are INTERNAL; anything else (1xx, 3xx, 4xx not in the table) is UNKNOWN.
 */
import { codeNameForHttpStatus } from "../../provider/google/status";

describe("an HTTP status without its own code name", () => {
    test.each([200, 201, 204, 299])("%i is OK", (status) => {
        expect(codeNameForHttpStatus(status)).toBe("OK");
    });

    test.each([500, 502, 505, 599])("%i is INTERNAL", (status) => {
        expect(codeNameForHttpStatus(status)).toBe("INTERNAL");
    });

    test.each([100, 199, 300, 302, 418, 451])("%i is UNKNOWN", (status) => {
        expect(codeNameForHttpStatus(status)).toBe("UNKNOWN");
    });
});
