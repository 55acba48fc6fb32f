/**
 * Real HTTP calls to the emulator for the tests (global fetch, i.e. undici).
 */
import { useEmulatorPerTest } from "../support/emulator";

export const TOKEN = "emulator-token";

export interface Reply {
    status: number;
    headers: Headers;
    text: string;
    /** Parsed body, or undefined when it is not JSON. */
    json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
    method?: string;
    body?: string;
    /** Bearer token; null sends no Authorization header. Default {@link TOKEN}. */
    token?: string | null;
    headers?: Record<string, string>;
    redirect?: "follow" | "manual" | "error";
}

/** One request; resolves with the status, headers and body. */
export async function call(base: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? TOKEN : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
    const res = await fetch(base + path, { method: options.method ?? "GET", headers, body: options.body, redirect: options.redirect ?? "manual" });
    const text = await res.text();
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
}

/** Starts an emulator for each test of a file and stops it afterwards. */
export const useEmulator = useEmulatorPerTest;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const OP = "projects/my-project/locations/us-central1/operations/operation-1";
export const opPath = (name: string, v = "v1") => `/${v}/${name}`;
