/**
 * Turns the OPERATION and PARENT arguments into validated names: every form the library accepts,
 * plus a bare operation id completed with --project / --location.
 */
import { InvalidNameError } from "../google/errors";
import { isBareOperationId, operationNameFromParts, parseOperationName, parseParentName, type OperationRef, type ParentRef } from "../google/names";

/** Project and location defaults, from the flags or the environment. */
export interface NameDefaults {
    project?: string;
    location?: string;
}

/** Parses OPERATION: a name, a //service.googleapis.com/... full name, an https API URL, or a bare id with defaults. */
export function operationArg(raw: string, defaults: NameDefaults): OperationRef {
    if (!isBareOperationId(raw)) return parseOperationName(raw, "OPERATION");
    if (!defaults.project || !defaults.location) {
        const missing = [!defaults.project ? "--project" : "", !defaults.location ? "--location" : ""].filter(Boolean).join(" and ");
        throw new InvalidNameError(
            "OPERATION",
            `OPERATION ${JSON.stringify(raw.slice(0, 80))} is a bare operation id: pass ${missing} (or set GOOGLE_CLOUD_PROJECT / GOOGLE_REGION), ` +
                "or give the full name projects/{project}/locations/{location}/operations/{id}",
        );
    }
    return operationNameFromParts(defaults.project, defaults.location, raw, "OPERATION");
}

/** Parses PARENT in any accepted form; without one, builds it from --project and --location. */
export function parentArg(raw: string | undefined, defaults: NameDefaults): ParentRef {
    if (raw !== undefined) return parseParentName(raw, "PARENT");
    if (!defaults.project || !defaults.location) {
        throw new InvalidNameError("PARENT", "PARENT is missing: give projects/{project}/locations/{location}, or pass --project and --location (use --location - for every location)");
    }
    return parseParentName(`projects/${defaults.project}/locations/${defaults.location}`, "PARENT");
}
