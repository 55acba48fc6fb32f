import { generateKeyPairSync } from "node:crypto";

/**
 * A service account key document with a fresh RSA key, whose `token_uri` is `tokenUri` (a local token
 * endpoint in the scenarios that use it), for the deployer@my-proj service account.
 */
export function serviceAccountKeyDocument(tokenUri: string): string {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return JSON.stringify({
        type: "service_account",
        project_id: "my-proj",
        client_email: "deployer@my-proj.iam.gserviceaccount.com",
        private_key_id: "key-1",
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
        token_uri: tokenUri,
    });
}
