/**
 * `npm run pulumi:install`: the built CLI is the version of @pulumi/pulumi in package-lock.json, a second
 * run has nothing to do, and without Go it says what is missing and how to get a CLI otherwise.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";
import { cliVersion, describeRealEngine, nodeBinDir } from "../support/pulumiCli";

const root = repoRoot();
const script = path.join(root, "tools", "pulumi", "install.sh");

function lockedSdkVersion(): string {
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
    const version = lock.packages["node_modules/@pulumi/pulumi"]?.version;
    if (!version) throw new Error("package-lock.json has no @pulumi/pulumi");
    return version;
}

test("tools/pulumi/go.mod pins pkg/v3 and sdk/v3 at the @pulumi/pulumi version of package-lock.json", () => {
    const gomod = fs.readFileSync(path.join(root, "tools", "pulumi", "go.mod"), "utf8");
    const v = lockedSdkVersion();
    expect(gomod).toMatch(new RegExp(`github\\.com/pulumi/pulumi/pkg/v3 v${v.replace(/\./g, "\\.")}\\b`));
    expect(gomod).toMatch(new RegExp(`github\\.com/pulumi/pulumi/sdk/v3 v${v.replace(/\./g, "\\.")}\\b`));
});

test("without Go on PATH, pulumi:install says what is missing and how to get a CLI otherwise", () => {
    const r = spawnSync("bash", [script], { encoding: "utf8", env: { PATH: [nodeBinDir(), "/usr/bin", "/bin"].join(":"), HOME: process.env.HOME ?? "/tmp" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("go is not on PATH");
    expect(r.stderr).toContain(`Pulumi CLI v${lockedSdkVersion()}`);
    expect(r.stderr).toMatch(/pulumi-language-nodejs and pulumi-resource-pulumi-nodejs are on PATH/);
    expect(r.stdout).toBe("");
});

describeRealEngine("the pinned Pulumi CLI", (cli) => {
    test("reports the @pulumi/pulumi version of package-lock.json", () => {
        expect(cliVersion(cli)).toBe(`v${lockedSdkVersion()}`);
    });

    test("has the language host and the dynamic-provider plugin beside it", () => {
        for (const exe of ["pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
            fs.accessSync(path.join(cli.binDir, exe), fs.constants.X_OK);
        }
    });

    if (cli.source === "tools") {
        test("a second pulumi:install has nothing to do", () => {
            const out = execFileSync("bash", [script], { encoding: "utf8" });
            expect(out).toMatch(/^pulumi:install: up to date: pulumi v\S+ in \.tools\/pulumi\/bin \(nothing to do\)\n$/);
        });
    }
});
