import * as pulumi from "@pulumi/pulumi";
import type { Outcome } from "../google/types";
import { trampolineProvider } from "../dynamic/trampoline";
import { hiddenUrnInput } from "../dynamic/resourceUrn";

/** When an {@link OperationCancellation} sends its cancel. */
export type CancelOn = "create" | "delete" | "both";

/** What to do when the operation does not exist or the service cannot cancel it. */
export type Policy = "fail" | "ignore";

/** The inputs of an {@link OperationCancellation}. */
export interface OperationCancellationArgs {
    /**
     * The operation to cancel: `projects/{project}/locations/{location}/operations/{id}`, a full resource name
     * `//clouddeploy.googleapis.com/projects/...`, an API URL `https://clouddeploy.googleapis.com/v1/projects/...`,
     * or a bare operation id completed with `project` and `location`. Changing it replaces the resource.
     */
    operation: pulumi.Input<string>;
    /** The service's registry key (`clouddeploy`, `gkemulticloud`, ...). Not needed when `operation` names it or `endpoint` is set. */
    service?: pulumi.Input<string>;
    /** An explicit API endpoint (`https://...`, or `http://` on loopback only, e.g. the bundled emulator). */
    endpoint?: pulumi.Input<string>;
    /** Overrides the service's API version (`v1`). */
    apiVersion?: pulumi.Input<string>;
    /** The universe domain; default `googleapis.com`. */
    universeDomain?: pulumi.Input<string>;
    /** Cancel on `create` (default), on `delete` (when the resource is removed or the stack destroyed), or `both`. */
    cancelOn?: pulumi.Input<CancelOn>;
    /** Wait until the operation is done (default true); otherwise confirm with one read and go on. */
    wait?: pulumi.Input<boolean>;
    /** How long to wait, as a duration such as `"90s"` or `"20m"` (default `"20m"`). */
    timeout?: pulumi.Input<string>;
    /** When the operation does not exist (or has expired): `fail` (default) or `ignore` (record `NOT_FOUND`). */
    ifNotFound?: pulumi.Input<Policy>;
    /** When the service answers `UNIMPLEMENTED` to the cancel: `fail` (default) or `ignore` (record `UNSUPPORTED`). */
    ifUnsupported?: pulumi.Input<Policy>;
    /** Completes a bare operation id; default `gcp:project`, then `GOOGLE_PROJECT` / `GOOGLE_CLOUD_PROJECT`. */
    project?: pulumi.Input<string>;
    /** Completes a bare operation id; default `gcp:region`, then `GOOGLE_REGION`. */
    location?: pulumi.Input<string>;
    /** An OAuth 2 access token; kept secret, never in outputs. Default `gcp:accessToken`, then `GOOGLE_OAUTH_ACCESS_TOKEN`, then other credentials. */
    accessToken?: pulumi.Input<string>;
    /** A service account to impersonate; default `gcp:impersonateServiceAccount`, then `GOOGLE_IMPERSONATE_SERVICE_ACCOUNT`. */
    impersonateServiceAccount?: pulumi.Input<string>;
    /** The project billed for quota (`x-goog-user-project`); default `gcp:billingProject` when `gcp:userProjectOverride` is true. */
    quotaProject?: pulumi.Input<string>;
}

/**
 * Cancels a Google Cloud long-running operation and records what became of it.
 *
 * The create step sends the cancel (unless the operation is already done) and waits until the operation
 * is done; refresh reads its current status; a second `pulumi up` with the same inputs sends nothing.
 *
 * @example
 * ```ts
 * import { OperationCancellation } from "pulumi-gcp-operations";
 *
 * const stuck = new OperationCancellation("stuck-render", {
 *     operation: "projects/my-proj/locations/us-central1/operations/operation-1732000000000-abc",
 *     service: "clouddeploy",
 * });
 * export const outcome = stuck.outcome; // "CANCELLED"
 * ```
 */
export class OperationCancellation extends pulumi.dynamic.Resource {
    /** The operation's full name, `projects/{project}/locations/{location}/operations/{id}`. */
    public readonly operation!: pulumi.Output<string>;
    /** The operation as given in the inputs. */
    public readonly operationInput!: pulumi.Output<string>;
    /** The service's registry key, when known. */
    public readonly service!: pulumi.Output<string | null>;
    /** The endpoint the requests went to, such as `https://clouddeploy.googleapis.com`. */
    public readonly endpoint!: pulumi.Output<string>;
    /** The API version used. */
    public readonly apiVersion!: pulumi.Output<string>;
    /** The operation's project. */
    public readonly project!: pulumi.Output<string>;
    /** The operation's location. */
    public readonly location!: pulumi.Output<string>;
    /** When the cancel is sent. */
    public readonly cancelOn!: pulumi.Output<CancelOn>;
    /** Whether the steps wait until the operation is done. */
    public readonly wait!: pulumi.Output<boolean>;
    /** How long the steps wait. */
    public readonly timeout!: pulumi.Output<string>;
    /** The not-found policy. */
    public readonly ifNotFound!: pulumi.Output<Policy>;
    /** The unsupported policy. */
    public readonly ifUnsupported!: pulumi.Output<Policy>;
    /** `CANCELLED`, `SUCCEEDED` (finished anyway), `FAILED`, `RUNNING`, `NOT_FOUND` or `UNSUPPORTED`. */
    public readonly outcome!: pulumi.Output<Outcome>;
    /** Whether the operation is done. */
    public readonly done!: pulumi.Output<boolean>;
    /** False once the operation is no longer found (Google expires operations after about 30 days); the recorded outcome is kept. */
    public readonly found!: pulumi.Output<boolean>;
    /** True once this resource has sent a cancel request. */
    public readonly cancelRequested!: pulumi.Output<boolean>;
    /** When this resource sent the cancel (RFC 3339), or null. */
    public readonly cancelRequestedAt!: pulumi.Output<string | null>;
    /** The operation's `error` (`code` 1 means cancelled), or null. */
    public readonly error!: pulumi.Output<{ code: number; message?: string; details?: unknown[] } | null>;
    /** The operation's `metadata`, or null. */
    public readonly metadata!: pulumi.Output<Record<string, unknown> | null>;
    /** What happened, in a sentence. */
    public readonly message!: pulumi.Output<string>;
    /** When the operation's status was last read (RFC 3339). */
    public readonly lastCheckedAt!: pulumi.Output<string>;

    /**
     * @param name - The resource's name in the stack.
     * @param args - Which operation to cancel, and how.
     * @param opts - Resource options (`dependsOn` orders a teardown cancel before the resources it blocks).
     */
    constructor(name: string, args: OperationCancellationArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            operationInput: undefined, service: undefined, endpoint: undefined, apiVersion: undefined, cancelOn: undefined, wait: undefined,
            timeout: undefined, ifNotFound: undefined, ifUnsupported: undefined, project: undefined, location: undefined, outcome: undefined, done: undefined,
            found: undefined, cancelRequested: undefined, cancelRequestedAt: undefined, error: undefined, metadata: undefined,
            message: undefined, lastCheckedAt: undefined,
        };
        const inputs = {
            ...outputs,
            ...args,
            ...(args.accessToken !== undefined ? { accessToken: pulumi.secret(args.accessToken) } : {}),
            // The resource's own URN, hidden: the provider attributes its progress to this resource (see dynamic/urn.ts).
            ...hiddenUrnInput(name, "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationCancellation", opts?.parent),
        };
        super(trampolineProvider("cancellation"), name, inputs, opts, "pulumi-gcp-operations", "OperationCancellation");
    }
}
