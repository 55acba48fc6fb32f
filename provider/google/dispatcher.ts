import type { Dispatcher } from "undici";
import { undiciAgent, undiciProxyAgent } from "./undici";

const shared = new Map<string, Dispatcher>();

function proxyEnvironment(): { https?: string; http?: string; key: string } {
    const env = process.env;
    const https = env.HTTPS_PROXY ?? env.https_proxy;
    const http = env.HTTP_PROXY ?? env.http_proxy;
    return { ...(https ? { https } : {}), ...(http ? { http } : {}), key: [https, http, env.NO_PROXY ?? env.no_proxy].join("\u0000") };
}

/**
 * The process-wide keep-alive dispatcher, honouring `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` through
 * undici's own `EnvHttpProxyAgent`; with no proxy set at all, a plain `Agent` (the proxy agent's per-request
 * `NO_PROXY` matching would decide nothing). One per proxy environment and extra CA; made anew only when
 * those change. A client asks for it once, at its first request.
 *
 * @param ca - Extra trusted CA certificates (PEM), e.g. for a TLS-inspecting corporate proxy.
 */
export function sharedDispatcher(ca?: string): Dispatcher {
    const proxies = proxyEnvironment();
    const key = `${proxies.key}\u0001${ca ?? ""}`;
    let dispatcher = shared.get(key);
    if (!dispatcher) {
        const tls = ca ? { ca } : undefined;
        const options = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 64 };
        dispatcher =
            proxies.https || proxies.http
                ? new (undiciProxyAgent())({ ...options, ...(tls ? { connect: tls, requestTls: tls, proxyTls: tls } : {}) })
                : new (undiciAgent())({ ...options, ...(tls ? { connect: tls } : {}) });
        shared.set(key, dispatcher);
    }
    return dispatcher;
}
