/**
 * Which values `rememberSecret` remembers and for how long, and how `redactSecrets` reads its `extra`
 * values (survivors of the mutation run, docs/mutation.md): a value is trimmed and loses a leading
 * `Bearer ` (only a leading one, with all the spaces after it); one of 8 characters is remembered, one of 7
 * is not; its URL-encoded and JSON-escaped forms are remembered too; at most 256 forms are remembered, the
 * oldest forgotten first, and one remembered again counts as new. The remembered values are module state
 * shared by this file's tests (jest gives each test file its own), so each test uses values of its own, and
 * the tests of the cap first fill it with values of their own.
 */
import { redactSecrets, rememberSecret } from "../../provider/google/secrets";

/** Whether `value` is redacted from a message made of it alone, in brackets (so nothing shaped like a credential). */
const isRemembered = (value: string): boolean => {
    const out = redactSecrets(`(${value})`);
    expect([`(${value})`, "([redacted])"]).toContain(out);
    return out === "([redacted])";
};

/** `count` values that are none a part of another and have a single form (the URL and JSON forms are the same). */
const values = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);

describe("remembering a secret", () => {
    test("trims it and drops a leading Bearer and the spaces after it", () => {
        rememberSecret("  Bearer \t rem-bearer-value-1  ");
        expect(redactSecrets("(rem-bearer-value-1)")).toBe("([redacted])");
    });

    test("remembers one of 8 characters, not one of 7", () => {
        rememberSecret("q7w8e9r0");
        rememberSecret(" z1x2c3v ");
        expect(isRemembered("q7w8e9r0")).toBe(true);
        expect(isRemembered("z1x2c3v")).toBe(false);
    });

    test("remembers its URL-encoded and JSON-escaped forms, not its JSON string with the quotes", () => {
        const secret = 'rem/form+"value\\x';
        rememberSecret(secret);
        expect(redactSecrets(`GET /v1/${encodeURIComponent(secret)}?x=1 failed`)).toBe("GET /v1/[redacted]?x=1 failed");
        expect(redactSecrets(`{"detail":"${JSON.stringify(secret).slice(1, -1)}"}`)).toBe('{"detail":"[redacted]"}');
        expect(redactSecrets(`got ${secret}.`)).toBe("got [redacted].");
    });

    test("keeps at most 256, forgetting the oldest first", () => {
        const fill = values("cap-fill", 256);
        for (const value of fill) rememberSecret(value);
        expect(fill.every(isRemembered)).toBe(true);
        rememberSecret("cap-newest-value");
        expect([fill[0], fill[1], fill[255], "cap-newest-value"].map(isRemembered)).toEqual([false, true, true, true]);
        expect(fill.filter(isRemembered)).toHaveLength(255);
    });

    test("counts one remembered again as new", () => {
        const fill = values("again-fill", 256);
        for (const value of fill) rememberSecret(value);
        rememberSecret(fill[0]);
        rememberSecret("again-newest-value");
        expect([fill[0], fill[1], fill[2], "again-newest-value"].map(isRemembered)).toEqual([true, false, true, true]);
    });
});

describe("the extra values given to redactSecrets", () => {
    test("are trimmed and lose a leading Bearer and the spaces after it", () => {
        expect(redactSecrets("(extra-value-0001)", ["  Bearer  extra-value-0001 "])).toBe("([redacted])");
        expect(redactSecrets("(extra-value-0002)", ["bearer\textra-value-0002"])).toBe("([redacted])");
    });

    test("lose Bearer only at their start", () => {
        expect(redactSecrets("(myextra-value-0004)", ["mybearer extra-value-0004"])).toBe("(myextra-value-0004)");
        expect(redactSecrets("(mybearer extra-value-0004)", ["mybearer extra-value-0004"])).toBe("([redacted])");
    });

    test("a value that contains another is removed whole, the shorter given first", () => {
        expect(redactSecrets("(short-value-0006-and-more)", ["short-value-0006", "short-value-0006-and-more"])).toBe("([redacted])");
    });

    test("that are not strings are skipped, adding nothing to redact", () => {
        expect(redactSecrets("(extra-value-0005) 42 null", [42, null, "extra-value-0005"] as unknown as string[])).toBe("([redacted]) 42 null");
    });
});
