/**
 * The subset of AIP-160 filters the emulator understands for ListOperations:
 * `done = true|false`, `metadata.target = "x"`, `metadata.target : "prefix*"`, `metadata.verb = "v"`,
 * joined with `AND`. `=` and `:` both accept a trailing `*` wildcard; `:` without one means equality.
 */

/** A field the filter can test. */
export type FilterField = "done" | "metadata.target" | "metadata.verb";

/** One restriction of a parsed filter. */
export interface Restriction {
    field: FilterField;
    operator: "=" | "!=" | ":";
    /** For `done`: `true`/`false`; for strings: the literal, without quotes or trailing `*`. */
    value: string | boolean;
    prefix: boolean;
}

/** A filter the emulator cannot parse or does not support; the message says why. */
export class FilterError extends Error {}

const FIELDS: readonly FilterField[] = ["done", "metadata.target", "metadata.verb"];

/** Splits the filter into restrictions, or throws {@link FilterError}. An empty filter matches everything. */
export function parseFilter(filter: string): Restriction[] {
    const restrictions: Restriction[] = [];
    let pos = 0;
    const skipSpace = () => {
        while (pos < filter.length && /\s/.test(filter[pos])) pos++;
    };
    skipSpace();
    if (pos === filter.length) return restrictions;
    for (;;) {
        skipSpace();
        const fieldMatch = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(filter.slice(pos));
        if (!fieldMatch) throw new FilterError(`expected a field name at position ${pos}`);
        const rawField = fieldMatch[0];
        pos += rawField.length;
        if (!(FIELDS as readonly string[]).includes(rawField)) {
            throw new FilterError(`unsupported field '${rawField}' (supported: ${FIELDS.join(", ")})`);
        }
        const field = rawField as FilterField;
        skipSpace();
        const opMatch = /^(!=|=|:)/.exec(filter.slice(pos));
        if (!opMatch) throw new FilterError(`expected '=', '!=' or ':' after '${field}'`);
        const operator = opMatch[1] as Restriction["operator"];
        pos += operator.length;
        skipSpace();
        let literal: string;
        let quoted = false;
        const quote = filter[pos];
        if (quote === '"' || quote === "'") {
            let end = pos + 1;
            let text = "";
            while (end < filter.length && filter[end] !== quote) {
                if (filter[end] === "\\" && end + 1 < filter.length) end++;
                text += filter[end];
                end++;
            }
            if (end >= filter.length) throw new FilterError("unterminated string literal");
            literal = text;
            quoted = true;
            pos = end + 1;
        } else {
            const m = /^[^\s()"']+/.exec(filter.slice(pos));
            if (!m) throw new FilterError(`expected a value after '${field} ${operator}'`);
            literal = m[0];
            pos += literal.length;
        }
        if (field === "done") {
            if (quoted || (literal !== "true" && literal !== "false")) throw new FilterError(`'done' must be compared with true or false, not ${quoted ? JSON.stringify(literal) : literal}`);
            if (operator === ":") throw new FilterError("'done' supports '=' and '!=' only");
            restrictions.push({ field, operator, value: literal === "true", prefix: false });
        } else {
            const prefix = literal.endsWith("*");
            const value = prefix ? literal.slice(0, -1) : literal;
            if (value.includes("*")) throw new FilterError("only a trailing '*' wildcard is supported");
            restrictions.push({ field, operator, value, prefix });
        }
        skipSpace();
        if (pos === filter.length) return restrictions;
        const andMatch = /^AND(?=[\s(]|$)/.exec(filter.slice(pos));
        if (!andMatch) {
            const word = /^\S+/.exec(filter.slice(pos))?.[0] ?? "";
            throw new FilterError(word === "OR" || word === "NOT" || word === "and" || word === "or" ? `unsupported operator '${word}' (only AND is supported)` : `unexpected '${word}' at position ${pos}`);
        }
        pos += 3;
        skipSpace();
        if (pos === filter.length) throw new FilterError("expected a restriction after AND");
    }
}

/** True when a field value satisfies a restriction. */
export function matches(restriction: Restriction, actual: string | boolean): boolean {
    let equal: boolean;
    if (typeof restriction.value === "boolean") equal = actual === restriction.value;
    else if (restriction.prefix) equal = typeof actual === "string" && actual.startsWith(restriction.value);
    else equal = actual === restriction.value;
    return restriction.operator === "!=" ? !equal : equal;
}
