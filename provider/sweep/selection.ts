import { InvalidOptionError } from "../google/errors";
import type { ParentRef } from "../google/names";
import { resourcePathOfLink } from "../google/shapes/apiLink";
import type { Operation } from "../google/types";
import type { SweepSelection } from "./types";

/** Decides, for one listed operation, whether the sweep takes it. */
export type Selector = (operation: Operation, now: number) => boolean;

const PROJECT_PATH = /^(?:\/\/[^/]+\/)?projects\/([^/]+)(\/.*)?$/;
/** Stands for "the parent's project" once a target is normalized. */
const THIS_PROJECT = "\u0000";

/**
 * Validates a selection, throwing {@link InvalidOptionError} naming the field and the fix.
 * Makes no request.
 */
export function validateSelection(selection: SweepSelection): void {
    for (const key of ["target", "targetPrefix", "filter"] as const) {
        const value = selection[key];
        if (value === undefined) continue;
        if (typeof value !== "string" || value.trim() === "") {
            throw new InvalidOptionError(key, `${key} must be a non-empty string, or be left out`);
        }
    }
    if (selection.verbs !== undefined) {
        if (!Array.isArray(selection.verbs) || selection.verbs.length === 0) {
            throw new InvalidOptionError("verbs", `verbs must be a non-empty list such as ["create", "update"], or be left out`);
        }
        selection.verbs.forEach((verb, i) => {
            if (typeof verb !== "string" || verb.trim() === "") throw new InvalidOptionError("verbs", `verbs[${i}] must be a non-empty string such as "create"`);
        });
    }
    if (selection.olderThanMs !== undefined && !(Number.isFinite(selection.olderThanMs) && selection.olderThanMs >= 0)) {
        throw new InvalidOptionError("olderThan", "olderThan must be a non-negative duration such as \"30m\"");
    }
}

/**
 * A `metadata.target` with the project segment replaced by a marker when it denotes the parent's own
 * project: services write targets with the project number even when the caller knows the id, and an
 * operation listed under a parent concerns that parent's project, so within one sweep a numeric project
 * and the parent's project id are the same project. A leading `//service.googleapis.com/` is dropped, and so
 * is an API link's `https://host/v1/` (a GKE `targetLink` pasted from an error message).
 */
export function normalizeTarget(target: string, parentProject: string): string {
    const match = PROJECT_PATH.exec(resourcePathOfLink(target));
    if (!match) return target;
    const [, project, rest = ""] = match;
    const isThisProject = project === parentProject || /^\d+$/.test(project);
    return `projects/${isThisProject ? THIS_PROJECT : project}${rest}`;
}

function metadataString(operation: Operation, key: string): string | undefined {
    const value = operation.metadata?.[key];
    return typeof value === "string" ? value : undefined;
}

/**
 * Compiles a selection into a predicate over listed operations. Done operations are never selected.
 * An operation without `metadata.createTime` is not selected by `olderThan` (its age cannot be shown).
 */
export function compileSelection(selection: SweepSelection, parent: ParentRef): Selector {
    validateSelection(selection);
    const target = selection.target !== undefined ? normalizeTarget(selection.target, parent.project) : undefined;
    const prefix = selection.targetPrefix !== undefined ? normalizeTarget(selection.targetPrefix, parent.project) : undefined;
    const verbs = selection.verbs ? new Set(selection.verbs.map((v) => v.toLowerCase())) : undefined;
    const olderThanMs = selection.olderThanMs;
    return (operation, now) => {
        if (operation.done === true) return false;
        if (target !== undefined || prefix !== undefined) {
            const raw = metadataString(operation, "target");
            if (raw === undefined) return false;
            const actual = normalizeTarget(raw, parent.project);
            if (target !== undefined && actual !== target) return false;
            if (prefix !== undefined && !actual.startsWith(prefix)) return false;
        }
        if (verbs !== undefined) {
            const verb = metadataString(operation, "verb");
            if (verb === undefined || !verbs.has(verb.toLowerCase())) return false;
        }
        if (olderThanMs !== undefined) {
            const created = Date.parse(metadataString(operation, "createTime") ?? "");
            if (Number.isNaN(created) || now - created < olderThanMs) return false;
        }
        return true;
    };
}
