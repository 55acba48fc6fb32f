/**
 * What `npm publish` would ship: the compiled library with its types, the README and the LICENSE that
 * package.json's license names; no source maps pointing at sources that are not shipped, no tests.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../support/programDir";

interface PackFile {
    path: string;
    size: number;
}

const root = repoRoot();

test("the package holds the library, its types, README and LICENSE, and nothing else", () => {
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as Array<{ files: PackFile[]; size: number; entryCount: number }>;
    const files = pack!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/cli/main.js", "dist/provider/testing/index.js", "dist/provider/dynamic/runtime.js"]));
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => !/^(dist\/provider\/.*\.(js|d\.ts)|LICENSE|README\.md|package\.json)$/.test(f))).toEqual([]);
    const license = fs.readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(license).toContain("Apache License");
    expect(license).toContain("Version 2.0, January 2004");
    expect((JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { license: string }).license).toBe("Apache-2.0");
    process.stdout.write(`package: ${pack!.entryCount} files, ${pack!.size} bytes packed\n`);
});
