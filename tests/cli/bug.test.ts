import type { Command } from "commander";
import { ExitCode } from "../../provider/cli/exitCodes";
import { runAction } from "../../provider/cli/run";
import { packageVersion } from "../../provider/cli/version";
import type { Io } from "../../provider/cli/output";

/** Runs an action whose body throws what no code path expects, and returns what it wrote. */
async function crash(env: Record<string, string | undefined>): Promise<{ stderr: string; code: number | string | null | undefined }> {
    let stderr = "";
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, isTTY: false } as unknown as Io;
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const before = process.exitCode;
    try {
        await runAction({} as Command, { accessToken: "ya29.secret-token-value" }, io, async () => {
            throw new TypeError("Cannot read properties of undefined (reading 'x') near ya29.secret-token-value");
        });
        return { stderr, code: process.exitCode };
    } finally {
        process.exitCode = before;
        for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
    }
}

describe("an unexpected error (exit 1)", () => {
    test("says it is a bug, with the package and Node versions and how to get the stack; the token never shows", async () => {
        const { stderr, code } = await crash({ GCP_OPERATIONS_DEBUG: undefined });
        expect(code).toBe(ExitCode.INTERNAL);
        expect(stderr).toContain(`note: this is a bug in pulumi-gcp-operations ${packageVersion()} (Node ${process.version}). Run the command again with GCP_OPERATIONS_DEBUG=1`);
        expect(stderr).toContain("(`npm owner ls pulumi-gcp-operations` lists them)");
        expect(stderr).not.toMatch(/\n\s+at /);
        expect(stderr).not.toContain("secret-token-value");
    });

    test("with GCP_OPERATIONS_DEBUG=1 prints the stack, redacted", async () => {
        const { stderr } = await crash({ GCP_OPERATIONS_DEBUG: "1" });
        expect(stderr).toMatch(/Its stack \(include it, with the command you ran, when you report it to the package's maintainers, listed by `npm owner ls pulumi-gcp-operations`\):\nTypeError: Cannot read properties/);
        expect(stderr).toMatch(/\n\s+at /);
        expect(stderr).not.toContain("secret-token-value");
    });
});
