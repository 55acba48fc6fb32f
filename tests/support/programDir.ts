/**
 * Temporary Pulumi program directories laid out as a user's would be, so that the dynamic-provider
 * host (which runs with the program directory as its working directory) resolves
 * `require("pulumi-gcp-operations/runtime")` exactly as it would for a user.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** The package name of this repository. */
export const PACKAGE_NAME = "pulumi-gcp-operations";

/**
 * The repository root: the nearest ancestor of this file whose package.json is named
 * `pulumi-gcp-operations` (works from `tests/support` and from `dist/tests/support`).
 */
export function repoRoot(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === PACKAGE_NAME) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`no ancestor of ${__dirname} holds the ${PACKAGE_NAME} package.json`);
        }
    }
}

/** A temporary program directory; call `cleanup()` when done. */
export interface ProgramDir {
    /** Absolute path of the program directory (the host's cwd). */
    readonly dir: string;
    /** The Pulumi project name written to Pulumi.yaml. */
    readonly project: string;
    /** Removes the directory (the symlinks only, never their targets). */
    cleanup(): void;
}

/** Options for {@link createProgramDir}. */
export interface ProgramDirOptions {
    /** Pulumi project name (default `gcpops-test`). */
    project?: string;
    /** Extra `node_modules/<name>` symlinks: package name → absolute target directory. */
    linkModules?: Record<string, string>;
    /** Extra files to write, relative path → contents. */
    files?: Record<string, string>;
    /** What `node_modules/pulumi-gcp-operations` points at (default the repo root). */
    packageRoot?: string;
}

/**
 * Creates a temp program directory with `package.json`, `Pulumi.yaml`,
 * `node_modules/pulumi-gcp-operations` → the repo root and `node_modules/@pulumi` → the repo's.
 *
 * @param opts - Project name and extra links/files.
 */
export function createProgramDir(opts: ProgramDirOptions = {}): ProgramDir {
    const project = opts.project ?? "gcpops-test";
    const root = repoRoot();
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gcpops-program-")));
    const nodeModules = path.join(dir, "node_modules");
    fs.mkdirSync(nodeModules);
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: project, private: true, main: "index.js", dependencies: { [PACKAGE_NAME]: "*" } }, null, 2),
    );
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
    fs.writeFileSync(path.join(dir, "index.js"), "// programs run in-process in tests\n");
    fs.symlinkSync(opts.packageRoot ?? root, path.join(nodeModules, PACKAGE_NAME), "dir");
    fs.symlinkSync(path.join(root, "node_modules", "@pulumi"), path.join(nodeModules, "@pulumi"), "dir");
    for (const [name, target] of Object.entries(opts.linkModules ?? {})) {
        const link = path.join(nodeModules, name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(target, link, "dir");
    }
    for (const [rel, text] of Object.entries(opts.files ?? {})) {
        const file = path.join(dir, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
    }
    return {
        dir,
        project,
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
