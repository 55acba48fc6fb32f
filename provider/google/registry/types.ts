/** How a service's host is chosen. */
export type EndpointScope = "global" | "regional";

/** Whether the cancel request carries the empty JSON message (`body: "*"`) or no body at all. */
export type CancelBody = "empty-json" | "none";

/**
 * The JSON shape of a service's operations:
 * - `longrunning`: `google.longrunning.Operation` (`name`, `done`, `error`, `metadata`, `response`).
 * - `container`: `google.container.v1.Operation` (GKE: bare id as `name`, a `status` enum, `targetLink`).
 * - `sqladmin`: Cloud SQL Admin's `sql#operation` (`status`, `targetId`, `error.errors[]`).
 */
export type OperationShape = "longrunning" | "container" | "sqladmin";

/** One Google Cloud API whose operations can be cancelled over REST. */
export interface ServiceInfo {
    /** Registry key and the first label of its host: `clouddeploy`. */
    key: string;
    /** Product name for messages: `Cloud Deploy`. */
    title: string;
    /** API version used in paths: `v1`. */
    apiVersion: string;
    /** `global`: one host, location in the path. `regional`: `{location}-{key}.{universe}`. */
    scope: EndpointScope;
    /** The HTTP rule's body mapping for CancelOperation. */
    cancelBody: CancelBody;
    /** What follows the operation name in the cancel path. */
    cancelSuffix: ":cancel" | "/cancel";
    /** The operations' JSON shape. */
    shape: OperationShape;
    /** Operation name templates, `*` for each id, e.g. `projects/*\/locations/*\/operations/*`. */
    templates: readonly string[];
    /** The templates whose parent collection can be listed. */
    listable: readonly string[];
    /** The only location the service's operations live in, when its HTTP rule pins one. */
    pinnedLocation?: string;
    /** Where the entry comes from: `discovery` (generated) or `hand-kept` (not in the discovery documents used). */
    source: "discovery" | "hand-kept";
}

/** One API's cancellable operations, as its discovery document describes them. */
export interface DiscoveredService {
    /** The first label of the API's host (usually its name): `spanner`; `translation` for the Cloud Translation API. */
    key: string;
    /** The discovery document's version: `v1`. */
    apiVersion: string;
    /** The API's title without the trailing " API": `Cloud Spanner`. */
    title: string;
    /** The host of `rootUrl`: `spanner.googleapis.com`. */
    host: string;
    /** `empty-json` when the cancel method takes a request message (`body: "*"`), `none` when it takes none. */
    cancelBody: "empty-json" | "none";
    /** What follows the operation name in the cancel path: `:cancel` (AIP-136 custom method) or `/cancel` (Cloud SQL Admin). */
    cancelSuffix: ":cancel" | "/cancel";
    /** Operation name templates, `*` for each id: `projects/*\/instances/*\/operations/*`. */
    templates: string[];
    /** The subset of `templates` whose parent has a `list` method. */
    listable: string[];
}
