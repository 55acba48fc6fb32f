import { EnvHttpProxyAgent, type Dispatcher } from "undici";

let shared: { key: string; dispatcher: Dispatcher } | undefined;

function proxyEnvironment(): string {
    const env = process.env;
    return [env.HTTPS_PROXY ?? env.https_proxy, env.HTTP_PROXY ?? env.http_proxy, env.NO_PROXY ?? env.no_proxy].join("\u0000");
}

/**
 * The process-wide keep-alive dispatcher, honouring `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` through
 * undici's own `EnvHttpProxyAgent`. Made anew only when those variables change.
 */
export function sharedDispatcher(): Dispatcher {
    const key = proxyEnvironment();
    if (!shared || shared.key !== key) {
        shared = { key, dispatcher: new EnvHttpProxyAgent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 32 }) };
    }
    return shared.dispatcher;
}
