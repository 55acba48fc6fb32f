import * as pulumi from "@pulumi/pulumi";
import type { CancelOn, Policy } from "./operationCancellation";
import { trampolineProvider } from "../dynamic/trampoline";
import { hiddenUrnInput } from "../dynamic/resourceUrn";
import type { SweepCounts } from "../sweep/types";

/** The inputs of an {@link OperationSweep}. */
export interface OperationSweepArgs {
    /**
     * Where to list: `projects/{project}/locations/{location}`, or the same after `//clouddeploy.googleapis.com/`
     * or `https://clouddeploy.googleapis.com/v1/`. Default: `project` and `location`. Changing it replaces the resource.
     */
    parent?: pulumi.Input<string>;
    /** Completes the parent when `parent` is not set; default `gcp:project`, then `GOOGLE_PROJECT` / `GOOGLE_CLOUD_PROJECT`. */
    project?: pulumi.Input<string>;
    /** Completes the parent when `parent` is not set; default `gcp:region`, then `GOOGLE_REGION`. */
    location?: pulumi.Input<string>;
    /** The service's registry key (`clouddeploy`, `gkemulticloud`, ...). Not needed when `parent` names it or `endpoint` is set. */
    service?: pulumi.Input<string>;
    /** An explicit API endpoint (`https://...`, or `http://` on loopback only, e.g. the bundled emulator). */
    endpoint?: pulumi.Input<string>;
    /** Overrides the service's API version (`v1`). */
    apiVersion?: pulumi.Input<string>;
    /** The universe domain; default `googleapis.com`. */
    universeDomain?: pulumi.Input<string>;
    /** A server-side ListOperations filter such as `metadata.target = "..."` (support varies by service); the selection below still applies. */
    filter?: pulumi.Input<string>;
    /**
     * Only operations whose `metadata.target` is exactly this (one delivery pipeline, one cluster). Services write
     * the project number; the project id of the parent is accepted for it.
     */
    target?: pulumi.Input<string>;
    /** Only operations whose `metadata.target` starts with this. */
    targetPrefix?: pulumi.Input<string>;
    /** Only operations whose `metadata.verb` is one of these (`create`, `update`, `delete`, ...; any case). */
    verbs?: pulumi.Input<pulumi.Input<string>[]>;
    /** Only operations created at least this long ago (`metadata.createTime`), such as `"30m"`. */
    olderThan?: pulumi.Input<string>;
    /**
     * Sweep on `create` (default; and again on update when the selection or `triggers` change), on `delete`
     * (the teardown case: order it before the cluster with `dependsOn`), or `both`.
     */
    cancelOn?: pulumi.Input<CancelOn>;
    /** Any values; when they change, the next `pulumi up` sweeps again (as `triggers` of `@pulumi/command`). */
    triggers?: pulumi.Input<unknown[]> | pulumi.Input<Record<string, unknown>>;
    /** Wait until every cancelled operation is done (default true); otherwise confirm each with one read and go on. */
    wait?: pulumi.Input<boolean>;
    /** Deadline of a whole sweep, as a duration such as `"90s"` or `"20m"` (default `"20m"`). */
    timeout?: pulumi.Input<string>;
    /** Cancels in flight at once, 1 to 64 (default 8). */
    maxConcurrency?: pulumi.Input<number>;
    /** List and select only; send no cancel. The outputs show what would be cancelled. */
    dryRun?: pulumi.Input<boolean>;
    /** When some operations cannot be cancelled (403, 501, 5xx after retries, gone): `fail` the step (default) or `ignore` and record them. */
    ifFailures?: pulumi.Input<Policy>;
    /** An OAuth 2 access token; kept secret, never in outputs. Default `gcp:accessToken`, then `GOOGLE_OAUTH_ACCESS_TOKEN`, then other credentials. */
    accessToken?: pulumi.Input<string>;
    /** A service account to impersonate; default `gcp:impersonateServiceAccount`, then `GOOGLE_IMPERSONATE_SERVICE_ACCOUNT`. */
    impersonateServiceAccount?: pulumi.Input<string>;
    /** The project billed for quota (`x-goog-user-project`); default `gcp:billingProject` when `gcp:userProjectOverride` is true. */
    quotaProject?: pulumi.Input<string>;
}

/** One operation a sweep could not cancel. */
export interface SweepFailure {
    name: string;
    /** What went wrong, with Google's message and what to do. */
    error: string;
    httpStatus: number | null;
    /** The `google.rpc.Code` name, such as `PERMISSION_DENIED`. */
    status: string | null;
}

/**
 * Cancels every running operation in a scope (a parent, narrowed by target, verb and age) and records
 * what became of each: cancelled, finished on its own, still running, or failed and why.
 *
 * Pages are streamed, cancels run with bounded concurrency behind one shared 429 backoff, and one
 * operation's failure does not stop the others. A second `pulumi up` with the same inputs sends nothing;
 * changing the selection or `triggers` sweeps again. Refresh re-reads only the operations left running.
 *
 * @example
 * ```ts
 * import { OperationSweep } from "pulumi-gcp-operations";
 *
 * // In `pulumi destroy`, cancel what still runs against the cluster before the cluster goes.
 * const teardown = new OperationSweep("cluster-ops", {
 *     parent: "projects/my-proj/locations/us-west1",
 *     service: "gkemulticloud",
 *     targetPrefix: "projects/my-proj/locations/us-west1/awsClusters/prod",
 *     cancelOn: "delete",
 * }, { dependsOn: [cluster] });
 * ```
 */
export class OperationSweep extends pulumi.dynamic.Resource {
    /** The parent listed, `projects/{project}/locations/{location}`. */
    public readonly parent!: pulumi.Output<string>;
    /** The parent as given in the inputs, or null when completed from project and location. */
    public readonly parentInput!: pulumi.Output<string | null>;
    /** The parent's project. */
    public readonly project!: pulumi.Output<string>;
    /** The parent's location. */
    public readonly location!: pulumi.Output<string>;
    /** The service's registry key, when known. */
    public readonly service!: pulumi.Output<string | null>;
    /** The endpoint the requests go to. */
    public readonly endpoint!: pulumi.Output<string>;
    /** The API version used. */
    public readonly apiVersion!: pulumi.Output<string>;
    /** The universe domain, when set. */
    public readonly universeDomain!: pulumi.Output<string | null>;
    /** The server-side filter, or null. */
    public readonly filter!: pulumi.Output<string | null>;
    /** The exact target selected, or null. */
    public readonly target!: pulumi.Output<string | null>;
    /** The target prefix selected, or null. */
    public readonly targetPrefix!: pulumi.Output<string | null>;
    /** The verbs selected, or null. */
    public readonly verbs!: pulumi.Output<string[] | null>;
    /** The minimum age selected, or null. */
    public readonly olderThan!: pulumi.Output<string | null>;
    /** When the sweep runs. */
    public readonly cancelOn!: pulumi.Output<CancelOn>;
    /** The triggers, or null. */
    public readonly triggers!: pulumi.Output<unknown>;
    /** Whether sweeps wait for the cancelled operations. */
    public readonly wait!: pulumi.Output<boolean>;
    /** The deadline of one sweep. */
    public readonly timeout!: pulumi.Output<string>;
    /** Cancels in flight at once. */
    public readonly maxConcurrency!: pulumi.Output<number>;
    /** Whether sweeps only list. */
    public readonly dryRun!: pulumi.Output<boolean>;
    /** The failure policy. */
    public readonly ifFailures!: pulumi.Output<"fail" | "ignore">;
    /** Every running operation the last sweep selected. */
    public readonly matched!: pulumi.Output<string[]>;
    /** The ones that ended cancelled. */
    public readonly cancelled!: pulumi.Output<string[]>;
    /** The ones that finished on their own before the cancel took effect. */
    public readonly alreadyDone!: pulumi.Output<string[]>;
    /**
     * The ones that ended after the cancel where their service cannot tell whether the cancel stopped them
     * (GKE: `DONE` without a cancellation error; Cloud SQL: `DONE` with an error).
     */
    public readonly ended!: pulumi.Output<string[]>;
    /** The ones still running when the sweep ended (or at the last refresh). */
    public readonly stillRunning!: pulumi.Output<string[]>;
    /** The ones that could not be cancelled, and why. */
    public readonly failures!: pulumi.Output<SweepFailure[]>;
    /** Counts by result. */
    public readonly counts!: pulumi.Output<SweepCounts>;
    /** When the last sweep ran (RFC 3339), or null when none has run yet (cancelOn: "delete"). */
    public readonly lastSweptAt!: pulumi.Output<string | null>;
    /** What happened, in a sentence. */
    public readonly message!: pulumi.Output<string>;

    /**
     * @param name - The resource's name in the stack.
     * @param args - Where and what to sweep, and how.
     * @param opts - Resource options (`dependsOn` orders a teardown sweep before the resources it blocks).
     */
    constructor(name: string, args: OperationSweepArgs, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            parentInput: undefined, project: undefined, location: undefined, service: undefined, endpoint: undefined, apiVersion: undefined,
            universeDomain: undefined, filter: undefined, target: undefined, targetPrefix: undefined, verbs: undefined, olderThan: undefined,
            cancelOn: undefined, triggers: undefined, wait: undefined, timeout: undefined, maxConcurrency: undefined, dryRun: undefined,
            ifFailures: undefined, matched: undefined, cancelled: undefined, alreadyDone: undefined, ended: undefined, stillRunning: undefined, failures: undefined,
            counts: undefined, lastSweptAt: undefined, message: undefined, parent: undefined,
        };
        const inputs = {
            ...outputs,
            ...args,
            ...(args.accessToken !== undefined ? { accessToken: pulumi.secret(args.accessToken) } : {}),
            // The resource's own URN, hidden: the provider attributes its progress to this resource (see dynamic/urn.ts).
            ...hiddenUrnInput(name, "pulumi-nodejs:dynamic/pulumi-gcp-operations:OperationSweep", opts?.parent),
        };
        super(trampolineProvider("sweep"), name, inputs, opts, "pulumi-gcp-operations", "OperationSweep");
    }
}
