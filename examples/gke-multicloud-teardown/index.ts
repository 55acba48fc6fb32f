/**
 * Teardown ordering for a GKE Multi-Cloud (AWS) cluster: `pulumi destroy` deletes resources in the
 * reverse order of their dependencies, so a sweep that depends on the cluster is deleted first. With
 * `cancelOn: "delete"` that deletion cancels every operation still running against the cluster (an
 * update, a node pool change...), and only then is the cluster deleted, instead of failing with
 * "an operation is already in progress".
 *
 * The cluster here is a placeholder (a `pulumi.ComponentResource`) so that the example builds without
 * `@pulumi/gcp`; see README.md for the two lines to change in a real stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationSweep } from "pulumi-gcp-operations";

const gcp = new pulumi.Config("gcp");
const config = new pulumi.Config();
const project = gcp.require("project");
const location = gcp.get("region") ?? "us-west1";
const clusterName = config.get("clusterName") ?? "prod-east";

/**
 * Stands in for `gcp.container.AwsCluster`. Its `id` has the shape the real resource's has:
 * `projects/{project}/locations/{location}/awsClusters/{name}`.
 */
class PlaceholderAwsCluster extends pulumi.ComponentResource {
    public readonly id: pulumi.Output<string>;

    constructor(name: string, args: { project: string; location: string }, opts?: pulumi.ComponentResourceOptions) {
        super("examples:gkemulticloud:PlaceholderAwsCluster", name, {}, opts);
        this.id = pulumi.output(`projects/${args.project}/locations/${args.location}/awsClusters/${name}`);
        this.registerOutputs({ id: this.id });
    }
}

// In a real stack: const cluster = new gcp.container.AwsCluster(clusterName, { ... });
const cluster = new PlaceholderAwsCluster(clusterName, { project, location });

// Created after the cluster, so destroyed before it. On create it does nothing (cancelOn: "delete").
const teardown = new OperationSweep(
    `${clusterName}-operations`,
    {
        parent: `projects/${project}/locations/${location}`,
        service: "gkemulticloud",
        // Only this cluster's operations (and its node pools', whose targets start with the cluster's name).
        targetPrefix: cluster.id,
        cancelOn: "delete",
        wait: true,
        timeout: "15m",
        // Optional: point at the local emulator instead of Google.
        endpoint: config.get("endpoint"),
    },
    { dependsOn: [cluster] },
);

export const clusterId = cluster.id;
export const sweepScope = teardown.parent;
