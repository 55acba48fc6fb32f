/**
 * A service the registry does not list is reached through `endpoint`: its operations pasted as
 * `//{service}.googleapis.com/...` with the same `service` option resolve to the endpoint, with that
 * service key and the Operations API's defaults, instead of being refused as an unknown service (a mutant
 * that looked the service option up in the registry whenever both named a service survived the mutation
 * run, docs/mutation.md).
 */
import { InvalidOptionError, OperationsClient, parseOperationName, resolveEndpoint } from "../../provider/google";
import { thrownBy } from "../support/outcome";

const PASTED = "//myapi.googleapis.com/projects/my-proj/locations/us-central1/operations/op-1";
const ENDPOINT = "http://127.0.0.1:8085";

describe("a service not in the registry", () => {
    test("named by both the option and the pasted name, it resolves to the endpoint", () => {
        expect(resolveEndpoint(parseOperationName(PASTED), { service: "myapi", endpoint: ENDPOINT })).toEqual({
            baseUrl: ENDPOINT,
            apiVersion: "v1",
            serviceKey: "myapi",
            cancelBody: "empty-json",
            cancelSuffix: ":cancel",
            shape: "longrunning",
        });
        const client = new OperationsClient({ service: "myapi", endpoint: ENDPOINT, credentials: { accessToken: "unlisted-service-token" } });
        expect(client.resolveOperation(PASTED).url).toBe(`${ENDPOINT}/v1/projects/my-proj/locations/us-central1/operations/op-1`);
    });

    test("a registered service option that disagrees with it is still refused", () => {
        const error = thrownBy(() => resolveEndpoint(parseOperationName(PASTED), { service: "clouddeploy", endpoint: ENDPOINT }));
        expect(error).toBeInstanceOf(InvalidOptionError);
        expect(error).toMatchObject({ field: "service", message: 'service "clouddeploy" disagrees with operation, which names "myapi"; drop service or fix the name' });
    });
});
