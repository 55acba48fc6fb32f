/**
 * JSON from the network, read defensively: nesting is bounded before `JSON.parse` runs, so that no
 * answer can make later recursive code (`JSON.stringify`, `structuredClone`, Pulumi's serializer) overflow
 * the stack.
 */

/** The deepest nesting accepted: protobuf's own recursion limit, which no real Google answer approaches. */
export const MAX_JSON_DEPTH = 100;

/**
 * The nesting depth of a JSON text (objects and arrays), counted without parsing, stopping as soon as
 * `limit` is passed. Brackets inside strings are skipped. Linear in the text's length, no recursion.
 *
 * @returns the depth, or `limit + 1` when it is deeper than `limit`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 0x5c /* \ */) i++;
            else if (c === 0x22 /* " */) inString = false;
            continue;
        }
        if (c === 0x22) inString = true;
        else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
            depth++;
            if (depth > deepest) {
                deepest = depth;
                if (deepest > limit) return limit + 1;
            }
        } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    }
    return deepest;
}

/** Why a JSON text could not be taken. */
export type JsonProblem = { kind: "too-deep"; limit: number } | { kind: "malformed" };

/** Parses JSON whose nesting is at most {@link MAX_JSON_DEPTH}; never throws. */
export function parseJson(text: string, limit = MAX_JSON_DEPTH): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
    if (jsonDepth(text, limit) > limit) return { ok: false, problem: { kind: "too-deep", limit } };
    try {
        return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
        return { ok: false, problem: { kind: "malformed" } };
    }
}
