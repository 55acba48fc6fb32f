/** The environment variables undici's proxy agent and the shared dispatcher read, in both spellings. */
export const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"] as const;

/** Clears every proxy variable before each test of the enclosing block and restores them after it. */
export function useClearedProxyEnvironment(): void {
    let saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        saved = Object.fromEntries(PROXY_VARIABLES.map((k) => [k, process.env[k]]));
        for (const k of PROXY_VARIABLES) delete process.env[k];
    });
    afterEach(() => {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    });
}
