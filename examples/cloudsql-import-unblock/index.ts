/**
 * A Cloud SQL instance whose import blocks a change: while an import (or export) runs, Cloud SQL refuses
 * other changes to the instance with `operationInProgress`. The instance's change depends on a sweep of
 * the instance's running imports, so `pulumi up` cancels them first. Setting the `unblock` config to a new
 * value (a date, a ticket) sweeps again on the next `pulumi up`; leaving it unchanged sends nothing.
 *
 * The instance is a placeholder (a `pulumi.ComponentResource`) so that the example builds without
 * `@pulumi/gcp`; see README.md for the line to change in a real stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationSweep } from "pulumi-gcp-operations";

const gcp = new pulumi.Config("gcp");
const config = new pulumi.Config();
const project = gcp.require("project");
const instanceName = config.get("instanceName") ?? "db-1";

const imports = new OperationSweep(`${instanceName}-imports`, {
    service: "sqladmin",
    // Cloud SQL lists operations per instance.
    parent: `projects/${project}/instances/${instanceName}`,
    verbs: ["IMPORT"],
    triggers: [config.get("unblock") ?? ""],
    wait: true,
    timeout: "10m",
    // Cloud SQL cannot say for certain that an import was cancelled: what ends after the cancel is in `ended`.
    endpoint: config.get("endpoint"),
});

/** Stands in for `gcp.sql.DatabaseInstance`: the change that an import would block. */
class PlaceholderInstance extends pulumi.ComponentResource {
    public readonly name: pulumi.Output<string>;

    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("examples:sql:PlaceholderInstance", name, {}, opts);
        this.name = pulumi.output(name);
        this.registerOutputs({ name: this.name });
    }
}

// In a real stack: new gcp.sql.DatabaseInstance(instanceName, { settings: { ... } }, { dependsOn: [imports] });
const instance = new PlaceholderInstance(instanceName, { dependsOn: [imports] });

export const blockedInstance = instance.name;
export const importsEnded = imports.ended;
export const importsMatched = imports.matched;
