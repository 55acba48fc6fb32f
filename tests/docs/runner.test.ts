/**
 * The doc-example runner itself: what it extracts, and that a broken example fails (each canary is a
 * broken example of the kind issue 9 found, run through the same code as the documented ones).
 */
import { useDocMachine } from "./environment";
import { parseMarkdown, shellLines, type Fence } from "./markdown";
import { missingTools, runShellLine, runSnippet, withAnyPort } from "./runner";
import { binInvocation, operationsFor, operationsInSource, parseArgs, shellWords } from "./shell";
import { packageSpecifiers, prepareSnippets, rewriteImports } from "./typescript";

describe("extracting examples from Markdown", () => {
    test("classifies every fence by its info string and marker", () => {
        const md = [
            "# T",
            "```sh",
            "pulumi-gcp-operations get x",
            "```",
            "<!-- doc-example: skip: needs a stack -->",
            "```sh",
            "pulumi up",
            "```",
            "",
            "<!-- doc-example: pulumi-program; given: declare const cluster: import(\"@pulumi/pulumi\").Resource; -->",
            "",
            "```ts",
            "new X();",
            "```",
            "<!-- doc-example: seed -->",
            "```json",
            "{}",
            "```",
            "```text",
            "output",
            "```",
        ].join("\n");
        const found = parseMarkdown("X.md", md);
        expect(found.problems).toEqual([]);
        expect(found.fences.map((f) => [f.line, f.kind, f.marker?.kind])).toEqual([
            [2, "shell", undefined],
            [6, "shell", "skip"],
            [12, "typescript", "pulumi-program"],
            [16, "json", "seed"],
            [19, "text", undefined],
        ]);
        expect(found.fences[1].marker).toEqual({ kind: "skip", reason: "needs a stack" });
        expect(found.fences[2].marker).toEqual({ kind: "pulumi-program", given: 'declare const cluster: import("@pulumi/pulumi").Resource;' });
        expect(found.fences[0]).toMatchObject({ body: "pulumi-gcp-operations get x", bodyLine: 3 });
    });

    test("a block the runner would not know what to do with is a problem, never silently left out", () => {
        const problems = (md: string) => parseMarkdown("X.md", md).problems;
        expect(problems("```\n$ out\n```")).toEqual([expect.stringMatching(/^X\.md:1: a fence without an info string: mark an output excerpt ```text/)]);
        expect(problems("```yaml\na: 1\n```")).toEqual([expect.stringMatching(/^X\.md:1: the info string "yaml" is not one the doc-example runner knows/)]);
        expect(problems("```json\n{}\n```")).toEqual([expect.stringMatching(/^X\.md:1: a json block must be marked/)]);
        expect(problems("<!-- doc-example: skip -->\n```sh\nx\n```")).toEqual([expect.stringMatching(/^X\.md:1: a skip marker needs a reason/)]);
        expect(problems("<!-- doc-example: run-later -->\n```sh\nx\n```")).toEqual([expect.stringMatching(/^X\.md:1: unknown marker "run-later"/)]);
        expect(problems("<!-- doc-example: skip: why -->\nSome text.\n```sh\nx\n```")).toEqual([expect.stringMatching(/^X\.md:1: a doc-example marker must be the last non-blank line before a fence/)]);
        expect(problems("<!-- doc-example: seed -->\n```sh\nx\n```")).toEqual([expect.stringMatching(/seed marks a json block only/)]);
        expect(problems("<!-- doc-example: pulumi-program -->\n```sh\nx\n```")).toEqual([expect.stringMatching(/pulumi-program marks a ts block only/)]);
        expect(problems("```sh\nx\n")).toEqual([expect.stringMatching(/never closed/)]);
    });

    test("a fence inside a list item loses its indentation; its marker may be indented too", () => {
        const found = parseMarkdown("X.md", "- item:\n\n  <!-- doc-example: skip: why -->\n  ```sh\n  pulumi refresh \\\n    --yes\n  ```\n");
        expect(found.problems).toEqual([]);
        expect(found.fences[0]).toMatchObject({ kind: "shell", marker: { kind: "skip", reason: "why" }, body: "pulumi refresh \\\n  --yes" });
    });

    test("inline code that runs the bin is an example; other inline code is not", () => {
        const found = parseMarkdown(
            "X.md",
            "Run `npx pulumi-gcp-operations emulator --seed s.json` or `node dist/provider/cli/main.js list x`; the `pulumi-gcp-operations` bin; `pulumi up`.",
        );
        expect(found.inline.map((i) => i.text)).toEqual(["npx pulumi-gcp-operations emulator --seed s.json", "node dist/provider/cli/main.js list x"]);
    });

    test("a shell block splits into logical lines: continuations joined, comments dropped, only prompt lines when there are prompts", () => {
        expect(shellLines("# comment\nexport A=1  # why\n\npulumi-gcp-operations list p \\\n    --pending\n", 10)).toEqual([
            { line: 11, text: "export A=1  # why" },
            { line: 13, text: "pulumi-gcp-operations list p \\\n    --pending" },
        ]);
        expect(shellLines("Examples:\n  $ pulumi-gcp-operations get x\n  $ pulumi-gcp-operations list y \\\n      --json\noutput line\n", 1)).toEqual([
            { line: 2, text: "pulumi-gcp-operations get x" },
            { line: 3, text: "pulumi-gcp-operations list y \\\n      --json" },
        ]);
    });
});

describe("reading a command line", () => {
    test("words as bash splits them, up to the end of the first command", () => {
        expect(shellWords(`pulumi-gcp-operations get 'a b' "c\\"d" e\\ f --json | jq .outcome`)).toEqual(["pulumi-gcp-operations", "get", "a b", 'c"d', "e f", "--json"]);
        expect(shellWords("pulumi-gcp-operations list p \\\n  --pending   # comment")).toEqual(["pulumi-gcp-operations", "list", "p", "--pending"]);
    });

    test("finds the bin however it is invoked", () => {
        expect(binInvocation("pulumi-gcp-operations get x")).toEqual({ via: "pulumi-gcp-operations", args: ["get", "x"] });
        expect(binInvocation("npx pulumi-gcp-operations emulator")).toEqual({ via: "npx pulumi-gcp-operations", args: ["emulator"] });
        expect(binInvocation("node dist/provider/cli/main.js list p")).toEqual({ via: "node dist/provider/cli/main.js", args: ["list", "p"] });
        expect(binInvocation("DEBUG=1 pulumi-gcp-operations get x")?.args).toEqual(["get", "x"]);
        expect(binInvocation("export GOOGLE_OAUTH_ACCESS_TOKEN=$(gcloud auth print-access-token)")).toBeUndefined();
    });

    test("reads flags with the arity the command line gives them", () => {
        const parsed = parseArgs(["get", "operation-123", "--project", "my-proj", "--json", "--location=us-central1"]);
        expect(parsed.command).toBe("get");
        expect(parsed.positionals).toEqual(["operation-123"]);
        expect(Object.fromEntries(parsed.flags)).toEqual({ project: ["my-proj"], json: [true], location: ["us-central1"] });
    });

    test("derives the operations the emulator must hold", () => {
        expect(operationsFor(parseArgs(["get", "operation-123", "--project", "my-proj", "--location", "us-central1", "--service", "clouddeploy"]))).toEqual([
            { name: "projects/my-proj/locations/us-central1/operations/operation-123", service: "clouddeploy" },
        ]);
        expect(operationsFor(parseArgs(["cancel", "//gkemulticloud.googleapis.com/projects/my-proj/locations/us-west1/operations/op-9"]))).toEqual([
            { name: "projects/my-proj/locations/us-west1/operations/op-9", service: "gkemulticloud" },
        ]);
        const now = Date.parse("2025-01-01T00:00:00Z");
        expect(operationsFor(parseArgs(["sweep", "projects/my-proj/locations/us-west1", "--target-prefix", "projects/1/x", "--verb", "update,delete", "--older-than", "30m"]), now)).toEqual([
            { name: "projects/my-proj/locations/us-west1/operations/doc-example-1", target: "projects/1/x", verb: "update", createTime: "2024-12-31T23:00:00.000Z" },
        ]);
        // A name the client refuses gives nothing: the line then fails with the client's own message.
        expect(operationsFor(parseArgs(["get", "projects/p/locations/us-west1/operations/op-1"]))).toEqual([]);
        expect(operationsInSource(`c.get("projects/my-project/locations/l1/operations/a"); c.get("projects/p/locations/l1/operations/b");`)).toEqual([
            { name: "projects/my-project/locations/l1/operations/a" },
        ]);
    });

    test("knows the other tools a line runs, to skip it where they are missing (never under CI=true)", () => {
        expect(missingTools("export GOOGLE_OAUTH_ACCESS_TOKEN=$(gcloud auth print-access-token)", "/nonexistent")).toEqual(["gcloud"]);
        expect(missingTools("pulumi-gcp-operations get x --json | jq .outcome", "/nonexistent")).toEqual(["jq"]);
        expect(missingTools("pulumi-gcp-operations get projects/jq/x --service gcloud", "/nonexistent")).toEqual([]);
    });

    test("an emulator line's port is the only rewrite", () => {
        expect(withAnyPort("pulumi-gcp-operations emulator --port 8085 --seed seed.json")).toBe("pulumi-gcp-operations emulator --port 0 --seed seed.json");
        expect(withAnyPort("pulumi-gcp-operations emulator --port=8085")).toBe("pulumi-gcp-operations emulator --port=0");
    });

    test("a snippet's import specifiers, and nothing else, point at the built package", () => {
        const specifiers = packageSpecifiers();
        const { text, unknown } = rewriteImports(
            'import { A } from "pulumi-gcp-operations";\nimport { B } from "pulumi-gcp-operations/testing";\nconst s = "pulumi-gcp-operations";\nimport("pulumi-gcp-operations/nope");',
            specifiers,
        );
        expect(text).toBe(
            `import { A } from "${specifiers.get("pulumi-gcp-operations")}";\nimport { B } from "${specifiers.get("pulumi-gcp-operations/testing")}";\nconst s = "pulumi-gcp-operations";\nimport("pulumi-gcp-operations/nope");`,
        );
        expect(unknown).toEqual(["pulumi-gcp-operations/nope"]);
    });
});

describe("a broken example fails", () => {
    const machine = useDocMachine();
    const seed = (project: string) =>
        JSON.stringify({ operations: [{ name: `projects/${project}/locations/us-central1/operations/deploy-1` }, { name: `projects/${project}/locations/us-west1/operations/aws-1`, host: "us-west1-gkemulticloud.googleapis.com" }] });

    test("a command line with a project id Google refuses (README's `projects/p`)", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations get projects/p/locations/us-central1/operations/op-1 --service clouddeploy", undefined);
        expect(verdict.problems).toEqual([expect.stringMatching(/^the line fails: exit 2\n[\s\S]*invalid project "p": it is 1 character long/)]);
    });

    test("its control: the same line with a valid project works, through Google's host name", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations get projects/my-project/locations/us-central1/operations/op-1 --service clouddeploy", undefined);
        expect(verdict.problems).toEqual([]);
        expect(machine.hosts().emu.requests.map((r) => r.hostname)).toContain("clouddeploy.googleapis.com");
    });

    test("a pipeline fails when the bin does (pipefail)", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations get projects/p/locations/us-central1/operations/op-1 --service clouddeploy --json | cat", undefined);
        expect(verdict.problems).toEqual([expect.stringMatching(/^the line fails: exit 2/)]);
    });

    test("an emulator seeded with a project the client refuses (docs/emulator.md's `demo`)", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations emulator --port 8085 --seed seed.json", seed("demo"));
        expect(verdict.problems).toEqual([
            expect.stringMatching(/^the seed's operation projects\/demo\/locations\/us-central1\/operations\/deploy-1 is refused by the client: .*invalid project "demo": it is 4 characters long/),
            expect.stringMatching(/^the seed's operation projects\/demo\/locations\/us-west1\/operations\/aws-1 is refused by the client/),
        ]);
    });

    test("its control: the same seed with a valid project is served, and the emulator stops on SIGINT", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations emulator --port 8085 --seed seed.json", seed("my-project"));
        expect(verdict.problems).toEqual([]);
    });

    test("a seed file no doc provides", async () => {
        const verdict = await runShellLine(machine, new Map(), "pulumi-gcp-operations emulator --seed leftovers.json", undefined);
        expect(verdict.problems).toEqual([expect.stringMatching(/^--seed leftovers\.json: no json block of README\.md or docs\/\*\.md is marked/)]);
    });

    test("an export that leaves its variable empty", async () => {
        const session = new Map<string, string>();
        const verdict = await runShellLine(machine, session, "export GOOGLE_OAUTH_ACCESS_TOKEN=$(false)", undefined);
        expect(verdict.problems).toEqual([expect.stringMatching(/^GOOGLE_OAUTH_ACCESS_TOKEN is empty after the line/)]);
        expect(session.size).toBe(0);
    });

    test("an exported variable carries over to the next lines of the block", async () => {
        const session = new Map<string, string>();
        expect((await runShellLine(machine, session, "export DOC_EXAMPLE_VALUE=carried", undefined)).problems).toEqual([]);
        expect(session.get("DOC_EXAMPLE_VALUE")).toBe("carried");
        expect((await runShellLine(machine, session, 'test "$DOC_EXAMPLE_VALUE" = carried', undefined)).problems).toEqual([]);
    });

    test("TypeScript: a snippet that does not type-check, one that throws, a Pulumi program that does not type-check", async () => {
        const fence = (line: number, body: string, program = false): Fence => ({
            file: "X.md",
            line,
            info: "ts",
            kind: "typescript",
            body,
            bodyLine: line + 1,
            ...(program ? { marker: { kind: "pulumi-program" as const } } : {}),
        });
        const fences = [
            fence(1, 'import { OperationsClient } from "pulumi-gcp-operations";\n\nconst client = new OperationsClient({ service: "gkemulticloud" });\nawait client.cancelAndConfirm(42);'),
            fence(10, 'import { OperationsClient } from "pulumi-gcp-operations";\n\nconst client = new OperationsClient({ service: "gkemulticloud" });\nawait client.cancelAndConfirm("projects/p/locations/us-west1/operations/op-123");'),
            fence(20, 'import { OperationSweep } from "pulumi-gcp-operations";\n\nnew OperationSweep("x", { parent: "projects/my-project/locations/us-west1" }, { dependsOn: [cluster] });', true),
            fence(30, 'import { OperationsClient } from "pulumi-gcp-operations";\n\nconst client = new OperationsClient({ service: "gkemulticloud" });\nconsole.log((await client.cancelAndConfirm("projects/my-project/locations/us-west1/operations/op-123")).outcome);'),
        ];
        const [badType, throws, badProgram, works] = prepareSnippets(fences, machine.dir);
        expect((await runSnippet(machine, badType)).problems).toEqual([expect.stringMatching(/^X\.md:5:\d+: error TS2345: Argument of type 'number'/)]);
        expect((await runSnippet(machine, throws)).problems).toEqual([expect.stringMatching(/^the snippet fails: exit 1[\s\S]*invalid project "p"/)]);
        expect((await runSnippet(machine, badProgram)).problems).toEqual([expect.stringMatching(/^X\.md:23:\d+: error TS2304: Cannot find name 'cluster'/)]);
        // The control: a correct one runs against the emulator, through ADC and Google's regional host.
        expect((await runSnippet(machine, works)).problems).toEqual([]);
        expect(machine.hosts().emu.requests.map((r) => r.hostname)).toContain("us-west1-gkemulticloud.googleapis.com");
    });
});
