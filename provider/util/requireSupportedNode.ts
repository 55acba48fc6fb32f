/**
 * Imported first by the library's entry points: on a Node.js that is too old, loading fails with one clear
 * line instead of a stack trace from inside a dependency.
 */
import { unsupportedNodeMessage } from "./nodeVersion";

const message = unsupportedNodeMessage();
if (message !== undefined) throw new Error(message);
