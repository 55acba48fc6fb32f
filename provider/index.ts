/**
 * pulumi-gcp-operations: cancel Google Cloud long-running operations declaratively from Pulumi programs.
 *
 * @packageDocumentation
 */
import "./util/requireSupportedNode";
export { OperationCancellation, type OperationCancellationArgs, type CancelOn, type Policy } from "./resources/operationCancellation";
export * from "./google";
export { parseDuration, formatDuration } from "./util/duration";
export { OperationSweep, type OperationSweepArgs } from "./resources/operationSweep";
export * from "./sweep";
