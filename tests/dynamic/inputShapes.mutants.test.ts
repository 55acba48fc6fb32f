/**
 * The input helpers every check uses, called directly: a Pulumi secret wrapper is taken off but a plain
 * object is kept (and refused as a string), "" and null count as absent, a wrong type's whole reason, and
 * null passes an enum or boolean input (the survivors of mutation run 8 in inputs.ts, docs/mutation.md).
 */
import { Failures, checkBoolean, checkEnum, optionalString, plain } from "../../provider/dynamic/inputs";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

describe("plain", () => {
    test("a secret wrapper gives its value; any other object is kept as it is", () => {
        expect(plain({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "tok" })).toBe("tok");
        const obj = { minutes: 20 };
        expect(plain(obj)).toBe(obj);
        expect(plain("text")).toBe("text");
    });
});

describe("optionalString", () => {
    test('"" and null are absent, with no failure', () => {
        const failures = new Failures();
        expect(optionalString({ filter: "" }, "filter", failures)).toBeUndefined();
        expect(optionalString({ filter: null }, "filter", failures)).toBeUndefined();
        expect(failures.list).toEqual([]);
    });

    test("an object (not a secret) is refused with its type named, on its own property", () => {
        const failures = new Failures();
        expect(optionalString({ filter: { done: true } }, "filter", failures)).toBeUndefined();
        expect(optionalString({ target: 7 }, "target", failures)).toBeUndefined();
        expect(failures.list).toEqual([
            { property: "filter", reason: "filter must be a string; got object" },
            { property: "target", reason: "target must be a string; got number" },
        ]);
    });

    test("a secret-wrapped string is its value", () => {
        const failures = new Failures();
        expect(optionalString({ accessToken: { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "tok" } }, "accessToken", failures)).toBe("tok");
        expect(failures.list).toEqual([]);
    });
});

describe("checkEnum and checkBoolean", () => {
    test("null is absent: no failure", () => {
        const failures = new Failures();
        checkEnum({ cancelOn: null }, "cancelOn", ["create", "delete", "both"], failures);
        checkBoolean({ wait: null }, "wait", failures);
        expect(failures.list).toEqual([]);
    });

    test("a value of another type is refused, quoting it", () => {
        const failures = new Failures();
        checkEnum({ cancelOn: 1 }, "cancelOn", ["create", "delete", "both"], failures);
        checkBoolean({ wait: "yes" }, "wait", failures);
        expect(failures.list).toEqual([
            { property: "cancelOn", reason: 'cancelOn must be one of "create", "delete", "both"; got 1' },
            { property: "wait", reason: 'wait must be true or false; got "yes"' },
        ]);
    });
});
