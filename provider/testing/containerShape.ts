/**
 * GKE's operation (`google.container.v1.Operation`, container/v1 discovery document, schema
 * `Operation`) and list answer (`ListOperationsResponse`: `operations`, `missingZones`).
 */
import type { OperationState, Phase } from "./operationState";
import { projectNumber } from "./serviceShapes";

/** Root of every GKE link (`selfLink`, `targetLink`). */
export const CONTAINER_ROOT = "https://container.googleapis.com/v1";

/** Node-pool operation types, whose default target is a node pool rather than the cluster. */
const NODE_POOL_TYPES = new Set(["UPGRADE_NODES", "SET_NODE_POOL_SIZE", "CREATE_NODE_POOL", "DELETE_NODE_POOL", "SET_NODE_POOL_MANAGEMENT", "AUTO_REPAIR_NODES", "AUTO_UPGRADE_NODES"]);

/** `status` values of `google.container.v1.Operation.Status`. */
export type ContainerStatus = "PENDING" | "RUNNING" | "DONE" | "ABORTING";

/** The operation's `selfLink`: the form (`zones` or `locations`) it was added under, with the project number. */
export function containerSelfLink(op: OperationState): string {
    const collection = op.parsed.vars.zones !== undefined ? "zones" : "locations";
    return `${CONTAINER_ROOT}/projects/${projectNumber(op.project)}/${collection}/${op.location}/operations/${op.parsed.id}`;
}

/** The default `targetLink`: cluster `cluster-1`, or its node pool `default-pool` for node-pool types. */
export function containerDefaultTarget(op: OperationState, operationType: string): string {
    const cluster = `${CONTAINER_ROOT}/projects/${projectNumber(op.project)}/locations/${op.location}/clusters/cluster-1`;
    return NODE_POOL_TYPES.has(operationType) ? `${cluster}/nodePools/default-pool` : cluster;
}

/**
 * The operation at a phase. A failure fills both `error` and the deprecated `statusMessage` (gcloud
 * 528's `WaitForOperation` reads `statusMessage`, api_lib/container/api_adapter.py); a cancellation
 * ends `DONE` with `CANCELLED` (unverified: docs/emulator.md, "GKE").
 */
export function containerOperation(op: OperationState, phase: Phase): Record<string, unknown> {
    const operationType = op.script.operationType ?? "UPGRADE_NODES";
    const wire: Record<string, unknown> = {
        name: op.parsed.id,
        zone: op.location,
        operationType,
        status: phase.status satisfies ContainerStatus,
        selfLink: containerSelfLink(op),
        targetLink: op.script.targetLink ?? containerDefaultTarget(op, operationType),
        location: op.location,
        startTime: op.createTime,
    };
    if (phase.endedAt !== undefined) wire.endTime = new Date(phase.endedAt).toISOString();
    if (phase.error) {
        wire.statusMessage = phase.error.message;
        wire.error = { code: phase.error.code, message: phase.error.message, ...(phase.error.details ? { details: phase.error.details } : {}) };
    }
    return { ...wire, ...(op.script.fields ?? {}) };
}

/** GKE's 404 for an operation it does not have (message form of GKE's "Not found: {resource}." answers; docs/emulator.md). */
export function containerNotFoundMessage(name: string): string {
    return `Not found: ${name}.`;
}

/** GKE's answer to a cancel of a finished operation (unverified: docs/emulator.md, "GKE"). */
export function containerAlreadyDoneMessage(id: string): string {
    return `Operation ${id} is already done.`;
}
