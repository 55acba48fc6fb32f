/**
 * resolveEndpoint is memoized per options object (issue 10, finding 3): the same answer object comes back
 * for the same inputs, and every input that decides the answer still decides it.
 */
import { InvalidNameError, InvalidOptionError, resolveEndpoint, type EndpointOptions } from "../../provider/google";
import { RESOLVED_PER_OPTIONS } from "../../provider/google/endpoint";
import { parseOperationName } from "../../provider/google/names";

const DEPLOY = "projects/proj-one/locations/us-central1/operations/op-1";
const multicloud = (location: string) => `projects/proj-one/locations/${location}/operations/op-1`;

describe("resolveEndpoint memo", () => {
    test("the same options and name fields give the same frozen answer without resolving again", () => {
        const options: EndpointOptions = { service: "clouddeploy" };
        const first = resolveEndpoint(parseOperationName(DEPLOY, "operation"), options);
        const second = resolveEndpoint(parseOperationName(DEPLOY.replace("op-1", "op-2"), "operation"), options);
        expect(second).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        expect(first.baseUrl).toBe("https://clouddeploy.googleapis.com");
    });

    test("a regional service's location still decides the host, past the cache's bound", () => {
        const options: EndpointOptions = { service: "gkemulticloud" };
        const regions = Array.from({ length: RESOLVED_PER_OPTIONS + 3 }, (_, i) => `region${i}-a`);
        for (const region of [...regions, ...regions]) {
            expect(resolveEndpoint(parseOperationName(multicloud(region), "operation"), options).baseUrl).toBe(`https://${region}-gkemulticloud.googleapis.com`);
        }
    });

    test("a changed option value is honoured (the options object is not assumed frozen)", () => {
        const options: EndpointOptions = { service: "clouddeploy", endpoint: "http://127.0.0.1:1234" };
        const ref = parseOperationName(DEPLOY, "operation");
        expect(resolveEndpoint(ref, options).baseUrl).toBe("http://127.0.0.1:1234");
        options.endpoint = "http://127.0.0.1:5678/prefix/";
        expect(resolveEndpoint(ref, options).baseUrl).toBe("http://127.0.0.1:5678/prefix");
        options.endpoint = "http://example.com";
        expect(() => resolveEndpoint(ref, options)).toThrow(InvalidOptionError);
        expect(() => resolveEndpoint(ref, options)).toThrow(/must use https/);
    });

    test("a name that fails is refused every time, and does not spoil the answer for a valid one", () => {
        const options: EndpointOptions = { service: "gkemulticloud" };
        const wrongHost = { ...parseOperationName(multicloud("us-west1"), "operation"), host: "us-east4-gkemulticloud.googleapis.com" };
        expect(() => resolveEndpoint(wrongHost, options)).toThrow(InvalidNameError);
        expect(() => resolveEndpoint(wrongHost, options)).toThrow(InvalidNameError);
        expect(resolveEndpoint(parseOperationName(multicloud("us-west1"), "operation"), options).baseUrl).toBe("https://us-west1-gkemulticloud.googleapis.com");
        expect(() => resolveEndpoint(wrongHost, options)).toThrow(/us-east4-gkemulticloud/);
    });
});
