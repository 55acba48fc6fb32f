/**
 * No credential reaches an error message, whatever its shape: the token values the clients hold (not
 * only those that look like `ya29.` tokens) and anything shaped like a credential.
 */
import { CredentialsError, DeadlineExceededError, GoogleApiError, InvalidNameError, NetworkError, OperationsClient, parseOperationName } from "../../provider/google";
import { redactSecrets, rememberSecret } from "../../provider/google/secrets";

describe("redaction of credential material", () => {
    test("a token the client holds is removed from every kind of error, whatever it looks like", () => {
        const token = "plain-looking-credential-0042";
        new OperationsClient({ credentials: { accessToken: token } });
        for (const error of [
            new CredentialsError(`refused ${token}`),
            new NetworkError(`reset while sending ${token}`),
            new DeadlineExceededError(`${token} timed out`),
            new GoogleApiError({ httpStatus: 403, status: "PERMISSION_DENIED", googleMessage: `no ${token}`, details: [], method: "get", resource: "r", hint: `not ${token}`, attempts: 1 }),
        ]) {
            expect(error.message).not.toContain(token);
            expect(error.message).toContain("[redacted]");
            expect(error.stack).not.toContain(token);
        }
    });

    test.each([
        ["a bearer header", "Authorization: Bearer abc.def-ghi", "abc.def-ghi"],
        ["an OAuth access token", "token ya29.a0AfH6SMBx-secret", "ya29.a0AfH6SMBx-secret"],
        ["a refresh token", "refresh 1//0gLkZ3secretRefreshTokenValue", "1//0gLkZ3secretRefreshTokenValue"],
        ["a JWT", "assertion eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"],
        ["a JSON access token field", '{"accessToken":"opaque-value-123","expireTime":"x"}', "opaque-value-123"],
        ["a form field", "grant_type=x&subject_token=opaque-subject-456&x=1", "opaque-subject-456"],
        ["a client secret", 'client_secret: "GOCSPX-abcdef"', "GOCSPX-abcdef"],
        ["a PEM private key", "key -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY----- end", "MIIEvQIBADAN"],
    ])("removes %s", (_label, text, secret) => {
        const out = redactSecrets(text);
        expect(out).not.toContain(secret);
        expect(out).toContain("[redacted]");
    });

    test("remembered secrets are removed in their URL-encoded and JSON-escaped forms too", () => {
        const secret = 'odd/secret+value"42';
        rememberSecret(secret);
        const out = redactSecrets(`a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)}`);
        expect(out).not.toContain("odd/secret");
        expect(out).not.toContain(encodeURIComponent(secret));
    });

    test("ordinary messages are left alone: names, page tokens, durations", () => {
        const name = "projects/my-proj/locations/us-central1/operations/operation-1732000000000-5f3c2e1d";
        expect(redactSecrets(`get ${name} failed: pageToken abc, waited 12.3s`)).toBe(`get ${name} failed: pageToken abc, waited 12.3s`);
        expect(() => parseOperationName(`${name}/x`)).toThrow(InvalidNameError);
    });
});
