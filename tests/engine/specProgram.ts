/**
 * A Pulumi program (index.js) that declares the resources listed in spec.json beside it, so a test
 * changes the stack by rewriting spec.json between real `pulumi` commands, as a user edits a program.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CliStack } from "../support/cliStack";

/** One resource of the program. */
export interface ResourceSpec {
    kind: "cancellation" | "sweep" | "marker" | "wideMarker";
    name: string;
    /** The resource's args; `{ "$secret": "v" }` becomes `pulumi.secret("v")`. */
    args: Record<string, unknown>;
    /** Names of earlier resources this one depends on. */
    dependsOn?: string[];
}

/**
 * The program. `marker` is a small dynamic resource whose delete sends `GET {url}` with the emulator's
 * token, so the emulator's request log shows when it was deleted relative to the other resources' calls.
 * `wideMarker` does nothing either, but declares the same twenty outputs as an OperationCancellation and
 * returns a record of the same shape and size: the benchmark's measure of what Pulumi itself costs per
 * declared output and per byte of state.
 */
export const SPEC_PROGRAM = `"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { OperationCancellation, OperationSweep } = require("pulumi-gcp-operations");

const markerProvider = {
    async create(inputs) { return { id: inputs.name, outs: inputs }; },
    async delete(_id, props) {
        await fetch(props.url, { headers: { authorization: "Bearer emulator-token" }, signal: AbortSignal.timeout(10000) });
    },
};
class Marker extends pulumi.dynamic.Resource {
    constructor(name, args, opts) { super(markerProvider, name, args, opts, "gcpops-test", "Marker"); }
}

const WIDE_OUTPUTS = ["operationInput", "service", "endpoint", "apiVersion", "cancelOn", "wait", "timeout", "ifNotFound", "ifUnsupported", "project",
    "location", "outcome", "done", "found", "cancelRequested", "cancelRequestedAt", "error", "metadata", "message", "lastCheckedAt"];
const wideProvider = {
    async create(inputs) {
        const now = new Date().toISOString();
        const op = inputs.operation;
        return { id: op, outs: { ...inputs, operationInput: op, apiVersion: "v1", cancelOn: "create", wait: true, ifNotFound: "fail", ifUnsupported: "fail",
            project: op.split("/")[1], location: op.split("/")[3], outcome: "CANCELLED", done: true, found: true, cancelRequested: true, cancelRequestedAt: now,
            error: { code: 1, message: "Operation was cancelled." }, lastCheckedAt: now, message: op + " was cancelled",
            metadata: { "@type": "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata", apiVersion: "v1", createTime: now, endTime: now,
                requestedCancellation: true, target: op.slice(0, op.indexOf("/operations/")) + "/deliveryPipelines/pipeline", verb: "create" },
            impersonateServiceAccount: null, quotaProject: null, universeDomain: null } };
    },
};
class WideMarker extends pulumi.dynamic.Resource {
    constructor(name, args, opts) {
        super(wideProvider, name, { ...Object.fromEntries(WIDE_OUTPUTS.map((k) => [k, undefined])), ...args }, opts, "gcpops-test", "WideMarker");
    }
}

function revive(value) {
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === "object") {
        if (Object.keys(value).length === 1 && "$secret" in value) return pulumi.secret(value.$secret);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
    }
    return value;
}

const spec = JSON.parse(fs.readFileSync(path.join(__dirname, "spec.json"), "utf8"));
const made = {};
for (const r of spec) {
    const opts = r.dependsOn ? { dependsOn: r.dependsOn.map((n) => made[n]) } : undefined;
    const args = revive(r.args);
    made[r.name] =
        r.kind === "cancellation" ? new OperationCancellation(r.name, args, opts)
        : r.kind === "sweep" ? new OperationSweep(r.name, args, opts)
        : r.kind === "wideMarker" ? new WideMarker(r.name, args, opts)
        : new Marker(r.name, args, opts);
}
for (const [name, res] of Object.entries(made)) {
    exports[name] = res.id;
}
`;

/** Writes spec.json into the stack's program directory. */
export function writeSpec(stack: CliStack, spec: ResourceSpec[]): void {
    fs.writeFileSync(path.join(stack.program.dir, "spec.json"), JSON.stringify(spec, null, 2));
}
