/**
 * Imported by the command line right after the Node.js version check: Node's on-disk compile cache
 * (`module.enableCompileCache`, in the system temp directory) for the modules loaded after it, so that
 * every invocation after the first skips compiling them again (about 20 ms of a `--help` on 2 CPUs).
 * Node honours `NODE_DISABLE_COMPILE_CACHE=1` and `NODE_COMPILE_CACHE=DIR` here as everywhere; a cache
 * that cannot be written costs nothing but the saving. Only the command line does this: the library is
 * loaded into other programs' processes (Pulumi's), whose caching is theirs to choose.
 */
import * as nodeModule from "node:module";

nodeModule.enableCompileCache?.();
