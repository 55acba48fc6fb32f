/**
 * The sweep engine: cancel every running operation under a parent that a selection takes.
 *
 * @packageDocumentation
 */
export { sweepOperations, SweepListError } from "./engine";
export { compileSelection, validateSelection, normalizeTarget, type Selector } from "./selection";
export { describeSweep, emptyCounts, isFailure } from "./summary";
export type { SweepSelection, SweepOptions, SweepItem, SweepItemOutcome, CancelDelivery, SweepCounts, SweepResult, SweepEvent } from "./types";
export { sweepProgressReporter } from "./progress";
