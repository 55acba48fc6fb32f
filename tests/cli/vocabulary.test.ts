/**
 * The command line's vocabulary: every library setting has a command-line spelling (or is declared never
 * set from the command line), and the library's own messages come out in the command line's words.
 * The messages are produced by the library itself here, never copied, so a new message is covered as it is.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AccessTokenSource, createCredentialSource } from "../../provider/google/auth";
import { OperationsClient } from "../../provider/google/client";
import { validateEndpoint } from "../../provider/google/endpoint";
import { GoogleApiError, InvalidOptionError } from "../../provider/google/errors";
import { hintFor } from "../../provider/google/hints";
import { parseOperationName, parseParentName } from "../../provider/google/names";
import { requireService } from "../../provider/google/services";
import { sweepOperations } from "../../provider/sweep";
import { validateSelection } from "../../provider/sweep/selection";
import { ARGUMENT_SPELLINGS, CLI_SPELLINGS, CliVocabulary, CONFIG_SPELLINGS, NOT_SET_BY_THE_COMMAND_LINE } from "../../provider/cli/vocabulary";
import { repoRoot } from "../support/programDir";
import { libraryWordsIn } from "./helpers";

const ROOT = repoRoot();
const source = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The member names of an exported interface, read from the library's source. */
function membersOf(file: string, name: string): string[] {
    const text = source(file);
    const start = text.indexOf(`export interface ${name} `);
    if (start === -1) throw new Error(`no interface ${name} in ${file}`);
    const body = text.slice(text.indexOf("{", start) + 1, text.indexOf("\n}", start));
    return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]!);
}

/** Every library source file the command line loads messages from. */
function librarySources(): string[] {
    const files: string[] = [];
    for (const dir of ["provider/google", "provider/sweep", "provider/util"]) {
        for (const f of fs.readdirSync(path.join(ROOT, dir))) if (f.endsWith(".ts")) files.push(path.join(dir, f));
    }
    return [...files, "provider/dynamic/settings.ts"];
}

const OPTION_INTERFACES: Array<[string, string]> = [
    ["provider/dynamic/settings.ts", "SettingsInputs"],
    ["provider/google/endpoint.ts", "EndpointOptions"],
    ["provider/google/client.ts", "OperationsClientOptions"],
    ["provider/google/client.ts", "CallOptions"],
    ["provider/google/client.ts", "ListOptions"],
    ["provider/google/client.ts", "WaitOptions"],
    ["provider/google/client.ts", "CancelOptions"],
    ["provider/google/auth.ts", "CredentialOptions"],
    ["provider/sweep/types.ts", "SweepSelection"],
    ["provider/sweep/types.ts", "SweepOptions"],
];

const known = (name: string) =>
    name in CLI_SPELLINGS || name in ARGUMENT_SPELLINGS || NOT_SET_BY_THE_COMMAND_LINE.includes(name) || NOT_SET_BY_THE_COMMAND_LINE.includes(name.split(".")[0]!);

describe("the vocabulary covers the library", () => {
    it.each(OPTION_INTERFACES)("every option of %s %s has a command-line spelling or is never set from the command line", (file, name) => {
        const members = membersOf(file, name);
        expect(members.length).toBeGreaterThan(0);
        expect(members.filter((m) => !known(m))).toEqual([]);
    });

    it("every field a library error can name has a command-line spelling or is never set from the command line", () => {
        const fields = new Set<string>();
        for (const file of librarySources()) {
            for (const m of source(file).matchAll(/new (?:InvalidOptionError|InvalidNameError)\(\s*"([^"]+)"/g)) fields.add(m[1]!);
        }
        expect(fields.size).toBeGreaterThan(10);
        expect([...fields].filter((f) => !known(f))).toEqual([]);
    });

    it("every stack config key the library mentions has its command-line counterpart", () => {
        const keys = new Set<string>();
        for (const file of librarySources()) for (const m of source(file).matchAll(/gcp:[A-Za-z]+/g)) keys.add(m[0]);
        expect(keys.size).toBeGreaterThan(3);
        expect([...keys].filter((k) => !(k in CONFIG_SPELLINGS))).toEqual([]);
    });

    it("every flag it names exists on the command line", () => {
        const help = ["common.ts", "commands/sweep.ts", "commands/list.ts", "commands/cancel.ts"].map((f) => source(`provider/cli/${f}`)).join("\n");
        const flags = new Set([...Object.values(CLI_SPELLINGS).map((s) => s.flag), ...Object.values(CONFIG_SPELLINGS)].filter((f): f is string => !!f && f.startsWith("--")));
        for (const flag of flags) expect(help).toMatch(new RegExp(`"${flag}[ "]`));
    });
});

describe("library messages in the command line's words", () => {
    const plain = new CliVocabulary();
    const hint = (status: "UNAUTHENTICATED" | "PERMISSION_DENIED") =>
        hintFor({ status, httpStatus: status === "UNAUTHENTICATED" ? 401 : 403, method: "cancel", serviceKey: "clouddeploy", details: [], attempts: 1 });
    const GOOGLE_TEXT = "Google's own text mentions 'accessToken' and pageSize as it likes";
    const googleError = (status: "UNAUTHENTICATED" | "PERMISSION_DENIED") =>
        new GoogleApiError({
            httpStatus: status === "UNAUTHENTICATED" ? 401 : 403,
            status,
            googleMessage: GOOGLE_TEXT,
            details: [],
            method: "cancel",
            resource: "projects/my-project/locations/us-central1/operations/op-1",
            hint: hint(status),
            attempts: 1,
        });
    const thrown = (f: () => unknown): unknown => {
        try {
            f();
        } catch (err) {
            return err;
        }
        throw new Error("expected a throw");
    };

    it("the library's own words are what the command line must not print (so the checks below can fail)", () => {
        expect(libraryWordsIn(hint("UNAUTHENTICATED"))).toEqual(expect.arrayContaining(["accessToken", "gcp:accessToken", "gcp:credentials"]));
        expect(libraryWordsIn(hint("PERMISSION_DENIED"))).toEqual(["impersonateServiceAccount"]);
    });

    it("a 401's advice names GOOGLE_OAUTH_ACCESS_TOKEN and GOOGLE_CREDENTIALS, once each", () => {
        const message = plain.message(googleError("UNAUTHENTICATED"));
        expect(message).toContain(GOOGLE_TEXT);
        expect(libraryWordsIn(message.replace(GOOGLE_TEXT, ""))).toEqual([]);
        expect(message).toContain("set GOOGLE_OAUTH_ACCESS_TOKEN");
        expect(message).toContain("GOOGLE_APPLICATION_CREDENTIALS / GOOGLE_CREDENTIALS");
        expect(message.match(/GOOGLE_OAUTH_ACCESS_TOKEN/g)).toHaveLength(1);
    });

    it("a 403's advice names --impersonate-service-account; Google's own text is left as it is", () => {
        const message = plain.message(googleError("PERMISSION_DENIED"));
        expect(message).toContain("(--impersonate-service-account)");
        expect(message).toContain(GOOGLE_TEXT);
        expect(libraryWordsIn(message.replace(GOOGLE_TEXT, ""))).toEqual([]);
    });

    it("a bad value names the flag, or the environment variable it came from", () => {
        const err = thrown(() => createCredentialSource({ impersonateServiceAccount: "nobody" }));
        expect(err).toBeInstanceOf(InvalidOptionError);
        expect(new CliVocabulary({ flags: { impersonateServiceAccount: "nobody" }, env: {} }).message(err)).toMatch(/^--impersonate-service-account "nobody" must be a service account email/);
        expect(new CliVocabulary({ flags: {}, env: { GOOGLE_IMPERSONATE_SERVICE_ACCOUNT: "nobody" } }).message(err)).toMatch(/^GOOGLE_IMPERSONATE_SERVICE_ACCOUNT "nobody" must be/);
        const token = thrown(() => new AccessTokenSource("a b"));
        expect(new CliVocabulary({ flags: {}, env: { GOOGLE_OAUTH_ACCESS_TOKEN: "a b" } }).message(token)).toMatch(/^GOOGLE_OAUTH_ACCESS_TOKEN must be a non-empty OAuth 2 access token/);
        expect(new CliVocabulary({ flags: { accessToken: "a b" }, env: {} }).message(token)).toMatch(/^--access-token must be/);
    });

    it("a sweep option out of range names the flag", async () => {
        const client = new OperationsClient({ service: "clouddeploy", credentials: { accessToken: "t" } });
        const err = await sweepOperations(client, { parent: "projects/my-project/locations/us-central1", maxConcurrency: 100 }).catch((e: unknown) => e);
        expect(plain.message(err)).toMatch(/^--max-concurrency must be an integer from 1 to 64; got 100$/);
        const verbs = thrown(() => validateSelection({ verbs: [] }));
        expect(plain.message(verbs)).toMatch(/^--verb must be/);
    });

    it.each([
        ["an endpoint with credentials in it", () => validateEndpoint("http://user:pw@127.0.0.1:1"), /^--endpoint must not contain credentials; pass them as GOOGLE_OAUTH_ACCESS_TOKEN /],
        ["an unknown service", () => requireService("nosuch"), /^--service "nosuch" is not a known service\. .*; or pass --endpoint \(https/],
        [
            "a name without a service",
            () => new OperationsClient({ credentials: { accessToken: "t" } }).resolveOperation(parseOperationName("projects/my-project/locations/us-central1/operations/op-1", "OPERATION"), "OPERATION"),
            /^--service is required for .*: pass --service \(e\.g\. "clouddeploy" or "gkemulticloud"\), .*, or pass --endpoint$/,
        ],
        ["a local URL as the name", () => parseOperationName("http://127.0.0.1:8085/v1/projects/my-project/locations/us-central1/operations/op-1", "OPERATION"), /^OPERATION .*pass --endpoint/],
        ["a bad PARENT", () => parseParentName("projects/my-project/locations", "PARENT"), /^PARENT /],
        ["a bad credentials document", () => createCredentialSource({ credentials: "/nonexistent/key.json" }), /^GOOGLE_CREDENTIALS is neither JSON nor the path/],
    ])("%s", (_what, f, expected) => {
        const message = plain.message(thrown(f));
        expect(message).toMatch(expected);
        expect(libraryWordsIn(message)).toEqual([]);
    });

    it("quoted values are never rewritten", () => {
        expect(plain.translate(`OPERATION "accessToken" is a bare id; set 'maxConcurrency' or pass maxConcurrency`)).toBe(`OPERATION "accessToken" is a bare id; set 'maxConcurrency' or pass --max-concurrency`);
    });
});
