/**
 * A credentials document (the `credentials` option: JSON text or a path): its secret fields are remembered for
 * redaction as soon as it is read, and each refusal names the `credentials` field.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InvalidOptionError, createCredentialSource, redact } from "../../provider/google";
import { thrownBy } from "../support/outcome";

/** A value unique to this run and shaped like no credential the redaction recognises by its form. */
function marker(label: string): string {
    return `${label}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

test.each(["private_key", "client_secret", "refresh_token", "private_key_id"])("the document's %s is redacted from later messages once the document is read", (field) => {
    const secret = marker(field.replace(/_/g, "-"));
    const clientId = marker("client-id");
    expect(redact(`echoed: ${secret}`)).toBe(`echoed: ${secret}`);
    createCredentialSource({ credentials: JSON.stringify({ type: "authorized_user", client_id: clientId, [field]: secret }) });
    expect(redact(`echoed: ${secret} for ${clientId}`)).toBe(`echoed: [redacted] for ${clientId}`);
});

test("a path to a file holding the document is read: accepted, and its secrets remembered", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-credentials-"));
    const file = path.join(dir, "key.json");
    const secret = marker("file-client-secret");
    fs.writeFileSync(file, JSON.stringify({ type: "authorized_user", client_id: "x", client_secret: secret, refresh_token: marker("file-refresh") }));
    try {
        expect(createCredentialSource({ credentials: file }).kind).toBe("credentials-json");
        expect(redact(secret)).toBe("[redacted]");
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test.each([
    ["JSON without a type", '{"client_id": "x"}', 'credentials must be a Google credentials JSON document (with a "type" field) or a path to one'],
    ["a path to no file", path.join(os.tmpdir(), "gcpops-no-such-dir", "key.json"), "credentials is neither JSON nor the path of an existing file; set it to a service account key JSON or its path"],
    ["a file that is not a document", __filename, 'credentials must be a Google credentials JSON document (with a "type" field) or a path to one'],
])("%s is refused under the field credentials", (_what, credentials, message) => {
    const error = thrownBy(() => createCredentialSource({ credentials }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ field: "credentials", message });
});
