/**
 * A credential source of the caller's own (README "The client"): its headers are asked for again before
 * every request, so a token it rotates is used from the next request on; its failure is `ERR_CREDENTIALS`.
 */
import { OperationsClient, type CredentialSource } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";
import { failure } from "../hostile/support";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";

describe("a credential source of the caller's own", () => {
    const { emu, url } = useEmulatorPerTest({ tokens: ["first-token", "second-token"] });

    test("is asked for headers before every request: a rotated token is sent from the next request on", async () => {
        emu().add({ name: OP });
        let current = "first-token";
        const asked: string[] = [];
        const source: CredentialSource = {
            kind: "access-token",
            async requestHeaders(requestUrl) {
                asked.push(requestUrl);
                return { authorization: `Bearer ${current}` };
            },
        };
        const client = new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: source });
        await client.getOperation(OP);
        current = "second-token";
        await client.getOperation(OP);
        await client.cancelOperation(OP);
        expect(emu().requests.map((r) => r.token)).toEqual(["first-token", "second-token", "second-token"]);
        expect(asked).toHaveLength(3);
        expect(asked[2]).toBe(`${url()}/v1/${OP}:cancel`);
    });

    test("that fails gives ERR_CREDENTIALS and sends nothing", async () => {
        emu().add({ name: OP });
        const source: CredentialSource = { kind: "access-token", requestHeaders: () => Promise.reject(new Error("token file missing")) };
        const { error } = await failure(() => new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: source }).getOperation(OP));
        expect(error.code).toBe("ERR_CREDENTIALS");
        expect(error.message).toBe("The access-token credential source gave no token (token file missing); nothing was sent. Check the object given as credentials");
        expect(emu().requests).toHaveLength(0);
    });
});
