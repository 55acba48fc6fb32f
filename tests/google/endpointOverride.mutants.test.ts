/**
 * An endpoint override keeps everything else the name says: the API version of a pasted URL and the
 * service it names (so its cancel shape and the permission names in errors stay that service's). And a
 * dispatcher given in the options that throws instead of answering ends the call with its error.
 */
import { Dispatcher } from "undici";
import { OperationsClient, resolveEndpoint } from "../../provider/google";
import { exchange } from "../../provider/google/exchange";
import { parseOperationName } from "../../provider/google/names";
import { rejectionOf } from "../support/outcome";

const PASTED = "https://us-west1-gkemulticloud.googleapis.com/v1beta1/projects/my-proj/locations/us-west1/operations/op-1";

test("a pasted URL's API version and service are kept under an endpoint override", () => {
    const resolved = resolveEndpoint(parseOperationName(PASTED), { endpoint: "http://127.0.0.1:8085" });
    expect(resolved).toMatchObject({ baseUrl: "http://127.0.0.1:8085", apiVersion: "v1beta1", serviceKey: "gkemulticloud" });
    expect(resolved.service?.key).toBe("gkemulticloud");
});

test("the options' API version wins over the pasted one under an endpoint override", () => {
    expect(resolveEndpoint(parseOperationName(PASTED), { endpoint: "http://127.0.0.1:8085", apiVersion: "v1" }).apiVersion).toBe("v1");
});

test("an endpoint override with no service anywhere resolves to no service, version v1", () => {
    const resolved = resolveEndpoint(parseOperationName("projects/my-proj/locations/us-west1/operations/op-1"), { endpoint: "http://127.0.0.1:8085" });
    expect(resolved.service).toBeUndefined();
    expect(resolved.serviceKey).toBeUndefined();
    expect(resolved.apiVersion).toBe("v1");
});

class ThrowingDispatcher extends Dispatcher {
    constructor(private readonly thrown: unknown) {
        super();
    }
    override dispatch(): boolean {
        throw this.thrown;
    }
}

const REQUEST = { origin: "http://127.0.0.1:1", path: "/v1/x", method: "GET" as const, headers: {}, timeoutMs: 1000, maxBytes: 1024 };

test("a dispatcher that throws an Error fails the exchange with that error", async () => {
    const thrown = new TypeError("invalid dispatch options");
    expect(await rejectionOf(exchange(new ThrowingDispatcher(thrown), REQUEST))).toBe(thrown);
});

test("a dispatcher that throws a string fails the exchange with an Error of that message", async () => {
    const error = await rejectionOf(exchange(new ThrowingDispatcher("dispatcher is closed"), REQUEST));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("dispatcher is closed");
});

test("a client whose dispatcher throws reports a network failure naming the host, not a crash", async () => {
    const client = new OperationsClient({ service: "clouddeploy", endpoint: "http://127.0.0.1:1", credentials: { accessToken: "token-for-the-test" }, dispatcher: new ThrowingDispatcher(new Error("dispatcher is closed")), retry: { maxAttempts: 1 } });
    await expect(client.getOperation("projects/my-proj/locations/us-central1/operations/op-1")).rejects.toThrow(/could not reach 127\.0\.0\.1:1 \(.*dispatcher is closed/);
});
