/**
 * Teardown of a GKE node pool: deleting a pool fails with "cluster is running incompatible operation" while
 * its upgrade or resize still runs. `pulumi destroy` deletes resources in the reverse order of their
 * dependencies, so a sweep that depends on the pool is deleted first: with `cancelOn: "delete"` it cancels
 * the pool's running operations (GKE shows them ABORTING, then DONE), waits, and only then is the pool deleted.
 *
 * The pool is a placeholder (a `pulumi.ComponentResource`) so that the example builds without `@pulumi/gcp`;
 * see README.md for the line to change in a real stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationSweep } from "pulumi-gcp-operations";

const gcp = new pulumi.Config("gcp");
const config = new pulumi.Config();
const project = gcp.require("project");
const location = gcp.get("region") ?? "us-central1";
const clusterName = config.get("clusterName") ?? "prod";
const poolName = config.get("poolName") ?? "pool-a";

/** Stands in for `gcp.container.NodePool`; its `id` has the real resource's shape: `projects/{p}/locations/{l}/clusters/{c}/nodePools/{name}`. */
class PlaceholderNodePool extends pulumi.ComponentResource {
    public readonly id: pulumi.Output<string>;

    constructor(name: string, args: { project: string; location: string; cluster: string }, opts?: pulumi.ComponentResourceOptions) {
        super("examples:gke:PlaceholderNodePool", name, {}, opts);
        this.id = pulumi.output(`projects/${args.project}/locations/${args.location}/clusters/${args.cluster}/nodePools/${name}`);
        this.registerOutputs({ id: this.id });
    }
}

// In a real stack: const pool = new gcp.container.NodePool(poolName, { cluster: cluster.name, ... });
const pool = new PlaceholderNodePool(poolName, { project, location, cluster: clusterName });

const drain = new OperationSweep(
    `${poolName}-operations`,
    {
        service: "container",
        parent: `projects/${project}/locations/${location}`,
        // The pool's own operations: GKE's targetLink is the pool's link (with the project number; the id matches too).
        target: pool.id,
        verbs: ["UPGRADE_NODES", "SET_NODE_POOL_SIZE", "UPDATE_CLUSTER"],
        cancelOn: "delete",
        wait: true,
        timeout: "15m",
        // Optional: point at the local emulator instead of Google.
        endpoint: config.get("endpoint"),
    },
    { dependsOn: [pool] },
);

export const poolId = pool.id;
export const sweepScope = drain.parent;
