/**
 * Cancel one leftover Cloud Deploy operation, named in stack config:
 *
 *     pulumi config set operation projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc
 *     pulumi up
 *
 * Credentials come from `gcp:accessToken`, `GOOGLE_OAUTH_ACCESS_TOKEN` or Application Default Credentials,
 * as with `@pulumi/gcp`. A second `pulumi up` sends nothing: the outcome is recorded in the stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { OperationCancellation } from "pulumi-gcp-operations";

const config = new pulumi.Config();

const render = new OperationCancellation("stuck-cloud-deploy-operation", {
    // Any accepted form: projects/.../operations/{id}, //clouddeploy.googleapis.com/projects/..., an API URL,
    // or a bare id completed with gcp:project and gcp:region.
    operation: config.require("operation"),
    service: "clouddeploy",
    // Optional: point at the local emulator (`npx pulumi-gcp-operations emulator`) instead of Google.
    endpoint: config.get("endpoint"),
    // An operation that has already expired (Google keeps them ~30 days) is recorded, not an error.
    ifNotFound: "ignore",
    timeout: config.get("timeout") ?? "10m",
});

export const operation = render.operation;
export const outcome = render.outcome; // CANCELLED, or SUCCEEDED / FAILED if it finished first
export const message = render.message;
