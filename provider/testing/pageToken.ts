/**
 * Opaque ListOperations page tokens. A token remembers the last operation seen (by insertion order),
 * so removals between pages never make a client skip or repeat one, and the parent and filter it was
 * issued for, which a later page must repeat (AIP-158).
 */
import { createHash } from "node:crypto";

interface TokenBody {
    after: number;
    scope: string;
}

function scopeOf(parent: string, filter: string): string {
    return createHash("sha256").update(`${parent}\n${filter}`).digest("base64url").slice(0, 16);
}

/** A token for the page after the operation with insertion number `after`. */
export function encodePageToken(after: number, parent: string, filter: string): string {
    const body: TokenBody = { after, scope: scopeOf(parent, filter) };
    return Buffer.from(JSON.stringify(body)).toString("base64url");
}

/** The insertion number to continue after, or undefined when the token is not one of ours for this query. */
export function decodePageToken(token: string, parent: string, filter: string): number | undefined {
    try {
        const body = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<TokenBody>;
        if (typeof body.after !== "number" || !Number.isInteger(body.after) || body.after < 0) return undefined;
        if (body.scope !== scopeOf(parent, filter)) return undefined;
        return body.after;
    } catch {
        return undefined;
    }
}
