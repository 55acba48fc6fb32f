/**
 * Quickstart: cancel the leftover operations of a project, declaratively.
 *
 * By default it points at the local Operations API emulator (see README.md), seeded with
 * `seed.json`: two Cloud Deploy operations (global endpoint) and two GKE Multi-Cloud operations
 * (regional endpoints). `npm run demo` at the repository root runs this very program.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationCancellation } from "pulumi-gcp-operations";

/** One operation to cancel: its name and the service that owns it. */
interface Leftover {
    name: string;
    service: string;
}

/** The operations of seed.json; override with `pulumi config set --path 'operations[0].name' ...`. */
const DEFAULT_LEFTOVERS: Leftover[] = [
    { name: "projects/demo-project/locations/us-central1/operations/operation-1732000000001-render-web", service: "clouddeploy" },
    { name: "projects/demo-project/locations/us-central1/operations/operation-1732000000002-rollout-api", service: "clouddeploy" },
    { name: "projects/demo-project/locations/us-west1/operations/operation-1732000000003-aws-update", service: "gkemulticloud" },
    { name: "projects/demo-project/locations/europe-west1/operations/operation-1732000000004-azure-create", service: "gkemulticloud" },
];

const config = new pulumi.Config();

// Where the Operations API is. The quickstart is meant for the emulator, so it refuses to guess.
const endpoint = config.get("endpoint") ?? process.env.GCP_OPERATIONS_ENDPOINT;
if (!endpoint) {
    throw new Error(
        "the quickstart needs the emulator's URL: run `npx pulumi-gcp-operations emulator --seed seed.json`, " +
            "then `pulumi config set endpoint http://127.0.0.1:<port>` (or export GCP_OPERATIONS_ENDPOINT)",
    );
}

const leftovers = config.getObject<Leftover[]>("operations") ?? DEFAULT_LEFTOVERS;

const cancellations = leftovers.map(
    (op) =>
        new OperationCancellation(op.name.split("/").pop()!, {
            operation: op.name,
            service: op.service,
            endpoint,
            timeout: "2m",
        }),
);

/** What became of each operation: `CANCELLED`, or `SUCCEEDED`/`FAILED` if it finished first. */
export const outcomes = pulumi
    .all(cancellations.map((c) => pulumi.all([c.operation, c.outcome])))
    .apply((pairs) => Object.fromEntries(pairs));
