/**
 * The shared dispatcher (issue 10, finding 3): a plain Agent when no proxy is set, undici's
 * EnvHttpProxyAgent when one is; one per proxy environment.
 */
import { Agent, EnvHttpProxyAgent } from "undici";
import { sharedDispatcher } from "../../provider/google/dispatcher";
import { useClearedProxyEnvironment } from "../support/proxyEnvironment";

describe("sharedDispatcher", () => {
    useClearedProxyEnvironment();

    test("no proxy in the environment: a plain Agent, the same one each time", () => {
        process.env.NO_PROXY = "127.0.0.1";
        const first = sharedDispatcher();
        expect(first).toBeInstanceOf(Agent);
        expect(first).not.toBeInstanceOf(EnvHttpProxyAgent);
        expect(sharedDispatcher()).toBe(first);
    });

    test("a proxy in the environment (either case): the proxy agent, made anew when the proxy changes", () => {
        process.env.https_proxy = "http://127.0.0.1:3128";
        const lower = sharedDispatcher();
        expect(lower).toBeInstanceOf(EnvHttpProxyAgent);
        process.env.HTTP_PROXY = "http://127.0.0.1:3129";
        const both = sharedDispatcher();
        expect(both).toBeInstanceOf(EnvHttpProxyAgent);
        expect(both).not.toBe(lower);
        delete process.env.https_proxy;
        delete process.env.HTTP_PROXY;
        expect(sharedDispatcher()).not.toBeInstanceOf(EnvHttpProxyAgent);
    });
});
