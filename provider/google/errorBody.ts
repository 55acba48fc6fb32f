import { parseJson } from "./json";
import { codeNameForHttpStatus, isRpcCodeName, type RpcCodeName } from "./status";
import type { AnyMessage } from "./types";

/** What an error answer says, whatever its body looked like. */
export interface ParsedErrorBody {
    status: RpcCodeName;
    message: string;
    details: AnyMessage[];
}

const MAX_SHOWN = 300;

/**
 * Reads an AIP-193 error body (`{"error": {code, message, status, details}}`, also inside a one-element
 * array as some front ends answer), and survives anything else: HTML from a proxy, an empty or truncated body.
 */
export function parseErrorBody(httpStatus: number, text: string): ParsedErrorBody {
    const fallback = codeNameForHttpStatus(httpStatus);
    const trimmed = text.trim();
    if (!trimmed) return { status: fallback, message: `(empty body from HTTP ${httpStatus})`, details: [] };
    const json = parseJson(trimmed);
    if (!json.ok) {
        return json.problem.kind === "too-deep"
            ? { status: fallback, message: `error body nested deeper than ${json.problem.limit} levels (not shown)`, details: [] }
            : { status: fallback, message: describeNonJson(trimmed), details: [] };
    }
    const parsed = json.value;
    const envelope = Array.isArray(parsed) ? parsed[0] : parsed;
    const error = envelope && typeof envelope === "object" ? (envelope as { error?: unknown }).error : undefined;
    if (!error || typeof error !== "object") {
        return { status: fallback, message: `unexpected error body: ${clip(trimmed)}`, details: [] };
    }
    const { message, status, details } = error as { message?: unknown; status?: unknown; details?: unknown };
    return {
        status: isRpcCodeName(status) ? status : fallback,
        message: typeof message === "string" ? message : typeof error === "string" ? error : "",
        details: Array.isArray(details) ? details.filter((d): d is AnyMessage => !!d && typeof d === "object") : [],
    };
}

function describeNonJson(text: string): string {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    if (title) return `non-JSON (HTML) body: ${clip(title)}`;
    if (/^[[{]/.test(text)) return `truncated or malformed JSON body: ${clip(text)}`;
    return `non-JSON body: ${clip(text)}`;
}

function clip(text: string): string {
    const single = text.replace(/\s+/g, " ");
    return single.length > MAX_SHOWN ? `${single.slice(0, MAX_SHOWN)}…` : single;
}
