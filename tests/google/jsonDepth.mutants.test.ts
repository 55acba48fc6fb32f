/**
 * JSON nesting as counted before parsing: the deepest point, not the last one; closing brackets of either
 * kind close; exactly the limit is accepted. And a body that is not JSON is called malformed JSON only when
 * it starts like JSON.
 */
import { parseErrorBody } from "../../provider/google/errorBody";
import { MAX_JSON_DEPTH, jsonDepth, parseJson } from "../../provider/google/json";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

test.each([
    ["a deep branch before a shallow one", "[[[]],[]]", 3],
    ["siblings", "[[],[],[]]", 2],
    ["objects closed by braces", '{"a":{},"b":{},"c":[{}]}', 3],
    ["200 top-level arrays in a row", "[]".repeat(200), 1],
])("%s (%#) has its depth counted", (_what, text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
});

test("many sibling arrays are not deep: each closes before the next opens", () => {
    const siblings = `[${Array(MAX_JSON_DEPTH * 2).fill("[]").join(",")}]`;
    expect(parseJson(siblings)).toEqual({ ok: true, value: Array(MAX_JSON_DEPTH * 2).fill([]) });
});

test("exactly the limit is accepted, one more level is refused", () => {
    expect(parseJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parseJson(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, problem: { kind: "too-deep", limit: MAX_JSON_DEPTH } });
    expect(parseJson(nested(3), 3).ok).toBe(true);
    expect(parseJson(nested(4), 3)).toEqual({ ok: false, problem: { kind: "too-deep", limit: 3 } });
});

test("a non-JSON body with a brace inside is non-JSON, not malformed JSON", () => {
    expect(parseErrorBody(502, "upstream said {oops").message).toBe("non-JSON body: upstream said {oops");
    expect(parseErrorBody(502, "upstream said [oops").message).toBe("non-JSON body: upstream said [oops");
    expect(parseErrorBody(502, "[oops").message).toBe("truncated or malformed JSON body: [oops");
});
