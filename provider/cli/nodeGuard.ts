/**
 * Imported first by the command line: on a Node.js that is too old, one line on stderr and exit 1,
 * before any dependency is loaded.
 */
import { unsupportedNodeMessage } from "../util/nodeVersion";

const message = unsupportedNodeMessage();
if (message !== undefined) {
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
}
