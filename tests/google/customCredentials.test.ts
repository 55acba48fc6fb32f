/**
 * A credential source of the caller's (the `credentials` option given an object with `requestHeaders`, README
 * "The client"): asked before every request, so a token it rotates is used from the next request on; when it
 * fails, a CredentialsError (`ERR_CREDENTIALS`) naming the option, never a network failure, not retried,
 * nothing sent, and no credential in the message.
 */
import { CredentialsError, OperationsClient, type CredentialSource } from "../../provider/google";
import { useEmulatorPerTest } from "../support/emulator";
import { failure } from "../hostile/support";

const OP = "projects/my-proj/locations/us-central1/operations/op-1";

describe("a caller's credential source that fails", () => {
    const { emu, url } = useEmulatorPerTest();

    function failingSource(reason: unknown): { source: CredentialSource; calls: () => number } {
        let calls = 0;
        const source: CredentialSource = {
            kind: "access-token",
            requestHeaders: () => {
                calls++;
                return Promise.reject(reason);
            },
        };
        return { source, calls: () => calls };
    }

    test.each<[string, unknown, string]>([
        ["an Error", new Error("vault sealed\nat line 2"), "vault sealed"],
        ["a string", "vault sealed", "vault sealed"],
    ])("with %s is a CredentialsError naming the option, asked once, with nothing sent", async (_what, reason, detail) => {
        emu().add({ name: OP });
        const { source, calls } = failingSource(reason);
        const client = new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: source, retry: { maxAttempts: 3, initialDelayMs: 1 } });
        const { error } = await failure(() => client.getOperation(OP));
        expect(error).toBeInstanceOf(CredentialsError);
        expect(error.code).toBe("ERR_CREDENTIALS");
        expect(error.message).toBe(`The access-token credential source gave no token (${detail}); nothing was sent. Check the object given as credentials`);
        expect(calls()).toBe(1);
        expect(emu().requests).toHaveLength(0);
    });

    test("whose message holds a token shows it redacted", async () => {
        const { source } = failingSource(new Error("lease expired for ya29.a0AfH6SMBsecretvalue"));
        const client = new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: source, retry: { maxAttempts: 1 } });
        const { error } = await failure(() => client.getOperation(OP));
        expect(error.message).toContain("lease expired for [redacted]");
        expect(error.message).not.toContain("ya29.a0AfH6SMBsecretvalue");
    });

    test("with a CredentialsError of its own keeps it as it is", async () => {
        const own = new CredentialsError("Could not unseal the vault");
        const client = new OperationsClient({ service: "clouddeploy", endpoint: url(), credentials: failingSource(own).source, retry: { maxAttempts: 1 } });
        expect((await failure(() => client.getOperation(OP))).error).toBe(own);
    });
});

describe("a caller's credential source that works", () => {
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
});
