import type { OperationShape } from "../registry";
import { containerShape } from "./container";
import { longrunningShape } from "./longrunning";
import { sqladminShape } from "./sqladmin";
import type { ShapeAdapter } from "./types";

export type { ListQuery, ShapeAdapter } from "./types";

const ADAPTERS: Readonly<Record<OperationShape, ShapeAdapter>> = {
    longrunning: longrunningShape,
    container: containerShape,
    sqladmin: sqladminShape,
};

/** The adapter that reads a service's operation shape. */
export function shapeAdapter(shape: OperationShape): ShapeAdapter {
    return ADAPTERS[shape];
}
