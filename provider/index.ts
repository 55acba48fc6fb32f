/**
 * pulumi-gcp-operations: cancel Google Cloud long-running operations declaratively from Pulumi programs.
 *
 * @packageDocumentation
 */
export { OperationCancellation, type OperationCancellationArgs, type CancelOn, type Policy } from "./cancellation";
export * from "./google";
export { parseDuration, formatDuration } from "./util/duration";
export { OperationSweep, type OperationSweepArgs } from "./sweep";
export * from "./sweep/index";
