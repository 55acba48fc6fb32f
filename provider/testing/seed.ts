/**
 * Validation of emulator seeds (the `--seed FILE.json` format), with errors that name the field.
 */
import { readFile } from "node:fs/promises";
import { isRpcCodeName } from "../google/status";
import { canonicalName } from "./nameTemplates";
import { nameProblem, serviceOfScript } from "./operationState";
import { SeedError } from "./seedError";
import { RPCS, type EmulatorSeed, type Fault, type FaultRule, type ScriptedOperation, type ServiceDefaults } from "./types";

export { SeedError };

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): never {
    throw new SeedError(`${path}: ${problem}`);
}

function isObject(v: unknown): v is Obj {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkKeys(value: Obj, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) fail(`${path}.${key}`, `unknown field (expected one of: ${allowed.join(", ")})`);
    }
}

function optString(value: Obj, key: string, path: string): void {
    if (value[key] !== undefined && typeof value[key] !== "string") fail(`${path}.${key}`, "must be a string");
}

function optNonNegative(value: Obj, key: string, path: string, allowNull = false): void {
    const v = value[key];
    if (v === undefined || (allowNull && v === null)) return;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(`${path}.${key}`, `must be a non-negative number${allowNull ? " or null" : ""}`);
}

function optEnum(value: Obj, key: string, path: string, allowed: readonly string[]): void {
    const v = value[key];
    if (v !== undefined && (typeof v !== "string" || !allowed.includes(v))) fail(`${path}.${key}`, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
}

function stringArray(v: unknown, path: string): string[] {
    if (!Array.isArray(v) || v.some((t) => typeof t !== "string")) fail(path, "must be an array of strings");
    return v as string[];
}

/** Checks one scripted operation. */
export function validateOperation(value: unknown, path: string): ScriptedOperation {
    if (!isObject(value)) fail(path, "must be an object");
    checkKeys(value, path, ["name", "service", "metadata", "target", "verb", "createTime", "doneAfterMs", "result", "cancel", "cancelTakesMs", "afterDoneCancel", "errorDetail", "unimplemented", "denied", "host", "operationType", "targetLink", "targetId", "user", "fields"]);
    if (typeof value.name !== "string") fail(`${path}.name`, "is required and must be a string");
    for (const key of ["service", "target", "verb", "host", "operationType", "targetLink", "targetId", "user"]) optString(value, key, path);
    const service = serviceOfScript({ name: value.name, service: value.service as string | undefined });
    const problem = nameProblem(value.name, service);
    if (problem) fail(`${path}.name`, problem);
    if (value.fields !== undefined && !isObject(value.fields)) fail(`${path}.fields`, "must be an object");
    if (value.createTime !== undefined && (typeof value.createTime !== "string" || Number.isNaN(Date.parse(value.createTime)))) fail(`${path}.createTime`, "must be an RFC 3339 timestamp string");
    if (value.metadata !== undefined && !isObject(value.metadata)) fail(`${path}.metadata`, "must be an object");
    optNonNegative(value, "doneAfterMs", path, true);
    optNonNegative(value, "cancelTakesMs", path);
    optEnum(value, "cancel", path, ["honour", "ignore"]);
    optEnum(value, "afterDoneCancel", path, ["ok", "failed-precondition"]);
    optEnum(value, "errorDetail", path, ["never", "failure", "always"]);
    if (value.unimplemented !== undefined && typeof value.unimplemented !== "boolean") fail(`${path}.unimplemented`, "must be a boolean");
    if (value.denied !== undefined) {
        const denied = stringArray(value.denied, `${path}.denied`);
        denied.forEach((d, i) => {
            if (!(RPCS as readonly string[]).includes(d)) fail(`${path}.denied[${i}]`, `must be one of ${RPCS.join(", ")}`);
        });
    }
    if (value.result !== undefined) {
        const r = value.result;
        const rp = `${path}.result`;
        if (!isObject(r)) fail(rp, "must be an object");
        if ("response" in r === "error" in r) fail(rp, 'must have exactly one of "response" or "error"');
        if ("response" in r && !isObject(r.response)) fail(`${rp}.response`, "must be an object");
        if ("error" in r) {
            const e = r.error;
            if (!isObject(e)) fail(`${rp}.error`, "must be an object");
            const sqlCode = service === "sqladmin" && typeof e.code === "string" && e.code !== "";
            if (!(typeof e.code === "number" && Number.isInteger(e.code) && e.code > 0) && !isRpcCodeName(e.code) && !sqlCode) fail(`${rp}.error.code`, "must be a positive google.rpc.Code number or name (for sqladmin, any sql#operationError code string)");
            if (typeof e.message !== "string") fail(`${rp}.error.message`, "is required and must be a string");
        }
    }
    return value as unknown as ScriptedOperation;
}

const FAULT_KEYS: Record<Fault["kind"], readonly string[]> = {
    status: ["kind", "code", "message", "retryAfterSeconds", "retryDelay"],
    reset: ["kind"],
    delay: ["kind", "ms"],
    hang: ["kind"],
    nonJson: ["kind", "status", "body"],
    redirect: ["kind", "status", "location"],
    none: ["kind"],
};

/** Checks one fault. */
export function validateFault(value: unknown, path: string): Fault {
    if (!isObject(value)) fail(path, "must be an object");
    const kinds = Object.keys(FAULT_KEYS);
    if (typeof value.kind !== "string" || !kinds.includes(value.kind)) fail(`${path}.kind`, `must be one of ${kinds.join(", ")}`);
    const kind = value.kind as Fault["kind"];
    checkKeys(value, path, FAULT_KEYS[kind]);
    switch (kind) {
        case "status":
            if (!isRpcCodeName(value.code) || value.code === "OK") fail(`${path}.code`, "must be a google.rpc.Code name other than OK, e.g. \"UNAVAILABLE\"");
            optString(value, "message", path);
            optNonNegative(value, "retryAfterSeconds", path);
            if (value.retryDelay !== undefined && (typeof value.retryDelay !== "string" || !/^\d+(\.\d{1,9})?s$/.test(value.retryDelay))) fail(`${path}.retryDelay`, 'must be a duration like "2s" or "0.5s"');
            break;
        case "delay":
            if (value.ms === undefined) fail(`${path}.ms`, "is required");
            optNonNegative(value, "ms", path);
            break;
        case "nonJson":
            optEnum(value, "body", path, ["html", "empty", "truncated"]);
            if (value.body === undefined) fail(`${path}.body`, 'is required ("html", "empty" or "truncated")');
            if (value.status !== undefined && (typeof value.status !== "number" || !Number.isInteger(value.status) || value.status < 200 || value.status > 599)) fail(`${path}.status`, "must be an HTTP status");
            break;
        case "redirect":
            if (typeof value.location !== "string") fail(`${path}.location`, "is required and must be a string");
            if (value.status !== undefined && ![301, 302, 303, 307, 308].includes(value.status as number)) fail(`${path}.status`, "must be 301, 302, 303, 307 or 308");
            break;
        default:
            break;
    }
    return value as unknown as Fault;
}

/** Checks one fault rule. */
export function validateFaultRule(value: unknown, path: string): FaultRule {
    if (!isObject(value)) fail(path, "must be an object");
    checkKeys(value, path, ["match", "sequence", "fault", "rate", "times"]);
    if (value.match !== undefined) {
        const m = value.match;
        if (!isObject(m)) fail(`${path}.match`, "must be an object");
        checkKeys(m, `${path}.match`, ["rpc", "operation", "host"]);
        optEnum(m, "rpc", `${path}.match`, RPCS);
        optString(m, "operation", `${path}.match`);
        optString(m, "host", `${path}.match`);
    }
    if ((value.sequence === undefined) === (value.fault === undefined)) fail(path, 'must have exactly one of "sequence" or "fault"');
    if (value.sequence !== undefined) {
        if (!Array.isArray(value.sequence)) fail(`${path}.sequence`, "must be an array of faults");
        value.sequence.forEach((f, i) => validateFault(f, `${path}.sequence[${i}]`));
        if (value.rate !== undefined || value.times !== undefined) fail(path, '"rate" and "times" apply to "fault", not "sequence"');
    } else {
        validateFault(value.fault, `${path}.fault`);
    }
    if (value.rate !== undefined && (typeof value.rate !== "number" || !(value.rate >= 0 && value.rate <= 1))) fail(`${path}.rate`, "must be a number from 0 to 1");
    if (value.times !== undefined && (typeof value.times !== "number" || !Number.isInteger(value.times) || value.times < 0)) fail(`${path}.times`, "must be a non-negative integer");
    return value as unknown as FaultRule;
}

/** Checks a `serviceDefaults` map: service name to `{ afterDoneCancel?, errorDetail? }`. */
export function validateServiceDefaults(value: unknown, path: string): Record<string, ServiceDefaults> {
    if (!isObject(value)) fail(path, "must be an object mapping service names to behaviour");
    for (const [service, d] of Object.entries(value)) {
        const p = `${path}.${service}`;
        if (!isObject(d)) fail(p, "must be an object");
        checkKeys(d, p, ["afterDoneCancel", "errorDetail"]);
        optEnum(d, "afterDoneCancel", p, ["ok", "failed-precondition"]);
        optEnum(d, "errorDetail", p, ["never", "failure", "always"]);
    }
    return value as Record<string, ServiceDefaults>;
}

/** Checks a whole seed, throwing {@link SeedError} that names the first bad field. */
export function validateSeed(value: unknown, path = "seed"): EmulatorSeed {
    if (!isObject(value)) fail(path, "must be a JSON object");
    checkKeys(value, path, ["tokens", "serviceDefaults", "operations", "faults"]);
    if (value.tokens !== undefined) stringArray(value.tokens, `${path}.tokens`);
    if (value.serviceDefaults !== undefined) validateServiceDefaults(value.serviceDefaults, `${path}.serviceDefaults`);
    if (!Array.isArray(value.operations)) fail(`${path}.operations`, "is required and must be an array");
    const seen = new Set<string>();
    value.operations.forEach((op, i) => {
        const checked = validateOperation(op, `${path}.operations[${i}]`);
        // one operation per service and name (GKE's zones and locations forms are one name)
        const key = `${serviceOfScript(checked) ?? ""} ${canonicalName(checked.name)}`;
        if (seen.has(key)) fail(`${path}.operations[${i}].name`, `duplicate operation ${checked.name}`);
        seen.add(key);
    });
    if (value.faults !== undefined) {
        if (!Array.isArray(value.faults)) fail(`${path}.faults`, "must be an array");
        value.faults.forEach((r, i) => validateFaultRule(r, `${path}.faults[${i}]`));
    }
    return value as unknown as EmulatorSeed;
}

/** Reads and validates a seed file; errors name the file and the field. */
export async function loadSeedFile(file: string): Promise<EmulatorSeed> {
    const text = await readFile(file, "utf8");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new SeedError(`${file}: not valid JSON (${(e as Error).message})`);
    }
    try {
        return validateSeed(parsed);
    } catch (e) {
        if (e instanceof SeedError) throw new SeedError(`${file}: ${e.message}`);
        throw e;
    }
}
