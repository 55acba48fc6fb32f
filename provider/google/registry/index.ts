import { DISCOVERED } from "./discovered";
import { buildRegistry } from "./merge";
import { HAND_KEPT, OVERRIDES } from "./overrides";
import type { ServiceInfo } from "./types";

export type { CancelBody, EndpointScope, OperationShape, ServiceInfo } from "./types";

/** Every registered service, sorted by key: generated from Google's discovery documents, with the hand-kept overrides. */
export const SERVICES: readonly ServiceInfo[] = buildRegistry(DISCOVERED, OVERRIDES, HAND_KEPT);
