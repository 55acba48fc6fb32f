import { EnvHttpProxyAgent, type Dispatcher } from "undici";

const shared = new Map<string, Dispatcher>();

function proxyEnvironment(): string {
    const env = process.env;
    return [env.HTTPS_PROXY ?? env.https_proxy, env.HTTP_PROXY ?? env.http_proxy, env.NO_PROXY ?? env.no_proxy].join("\u0000");
}

/**
 * The process-wide keep-alive dispatcher, honouring `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` through
 * undici's own `EnvHttpProxyAgent`. One per proxy environment and extra CA; made anew only when those change.
 *
 * @param ca - Extra trusted CA certificates (PEM), e.g. for a TLS-inspecting corporate proxy.
 */
export function sharedDispatcher(ca?: string): Dispatcher {
    const key = `${proxyEnvironment()}\u0001${ca ?? ""}`;
    let dispatcher = shared.get(key);
    if (!dispatcher) {
        const tls = ca ? { ca } : undefined;
        dispatcher = new EnvHttpProxyAgent({
            keepAliveTimeout: 30_000,
            keepAliveMaxTimeout: 120_000,
            connections: 64,
            ...(tls ? { connect: tls, requestTls: tls, proxyTls: tls } : {}),
        });
        shared.set(key, dispatcher);
    }
    return dispatcher;
}
