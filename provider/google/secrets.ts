/**
 * Keeps credential material out of every message this library produces: the exact values the
 * clients of this process hold (access tokens, refresh tokens, key material), whatever they look like,
 * and anything shaped like a credential (bearer values, OAuth tokens, JWTs, PEM keys, `token=` fields).
 */

/** The most secret values remembered at once; the oldest are forgotten first. */
const MAX_REMEMBERED = 256;
/** Shorter values are not remembered: redacting them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 8;

const remembered = new Set<string>();

/**
 * Remembers a credential value held by a client (an access token, a refresh token, a private key), so
 * that it is removed from every later error message, in any of the forms it may be echoed in.
 */
export function rememberSecret(value: unknown): void {
    if (typeof value !== "string") return;
    const trimmed = value.trim().replace(/^bearer\s+/i, "");
    if (trimmed.length < MIN_SECRET_LENGTH) return;
    for (const form of new Set([trimmed, encodeURIComponent(trimmed), JSON.stringify(trimmed).slice(1, -1)])) {
        if (remembered.has(form)) remembered.delete(form);
        remembered.add(form);
        if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.values().next().value as string);
    }
}

/** Credential shapes, whatever their value: each replaced by `[redacted]` (keeping a label where there is one). */
const SHAPES: ReadonlyArray<[RegExp, string]> = [
    // PEM blocks (private keys), possibly with escaped newlines.
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[redacted]"],
    // Authorization header values.
    [/\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi, "$1$2[redacted]"],
    // Google OAuth access tokens and refresh tokens.
    [/\bya29\.[A-Za-z0-9._~-]+/g, "[redacted]"],
    [/(^|[^A-Za-z0-9])1\/\/[A-Za-z0-9._~-]{10,}/g, "$1[redacted]"],
    // JSON Web Tokens (id tokens, signed assertions).
    [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, "[redacted]"],
    // `"access_token": "..."`, `accessToken=...`, `client_secret: ...`, in JSON, forms and prose.
    [
        /(["']?(?<![A-Za-z0-9_])(?:access_?token|refresh_?token|id_?token|client_?secret|private_?key|token|password|secret|assertion|subject_?token)["']?\s*[:=]\s*)(["']?)(?!\[redacted\])[^\s"'&,;}]+/gi,
        "$1$2[redacted]",
    ],
];

/**
 * Removes credential material from text meant for people: the values given in `extra`, every value
 * remembered with {@link rememberSecret}, and anything shaped like a credential.
 */
export function redactSecrets(text: string, extra: readonly string[] = []): string {
    let out = text;
    const values = [...extra.flatMap((s) => (typeof s === "string" ? [s.trim().replace(/^bearer\s+/i, ""), s] : [])), ...remembered];
    // Longest first, so that a value containing another is removed whole.
    for (const secret of values.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
        if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    }
    for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
    return out;
}
