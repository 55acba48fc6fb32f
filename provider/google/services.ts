import { InvalidOptionError } from "./errors";

/** How a service's host is chosen. */
export type EndpointScope = "global" | "regional";

/** Whether the cancel request carries the empty JSON message (`body: "*"`) or no body at all. */
export type CancelBody = "empty-json" | "none";

/** One Google Cloud API whose `projects.locations.operations` can be cancelled over REST. */
export interface ServiceInfo {
    /** Registry key and DNS label: `clouddeploy`. */
    key: string;
    /** Product name for messages: `Cloud Deploy`. */
    title: string;
    /** API version used in paths: `v1`. */
    apiVersion: string;
    /** `global`: one host, location in the path. `regional`: `{location}-{key}.{universe}`. */
    scope: EndpointScope;
    /** The HTTP rule's body mapping for CancelOperation. */
    cancelBody: CancelBody;
    /** The only location the service's operations live in, when its HTTP rule pins one. */
    pinnedLocation?: string;
}

function svc(key: string, title: string, apiVersion: string, scope: EndpointScope, cancelBody: CancelBody, pinnedLocation?: string): ServiceInfo {
    return pinnedLocation ? { key, title, apiVersion, scope, cancelBody, pinnedLocation } : { key, title, apiVersion, scope, cancelBody };
}

/**
 * The services whose `CancelOperation` HTTP rule binds `projects/*\/locations/*\/operations/*`, read from the
 * service configs in googleapis/googleapis (see the project's services reference).
 */
const SERVICES: readonly ServiceInfo[] = [
    svc("clouddeploy", "Cloud Deploy", "v1", "global", "empty-json"),
    svc("gkemulticloud", "GKE Multi-Cloud", "v1", "regional", "empty-json"),
    svc("aiplatform", "Vertex AI", "v1", "regional", "none"),
    svc("documentai", "Document AI", "v1", "regional", "none"),
    svc("dialogflow", "Dialogflow CX", "v3", "regional", "none"),
    svc("dataproc", "Dataproc", "v1", "global", "none"),
    svc("redis", "Memorystore for Redis", "v1", "global", "none"),
    svc("memorystore", "Memorystore", "v1", "global", "none"),
    svc("tpu", "Cloud TPU", "v2", "global", "none"),
    svc("datacatalog", "Data Catalog", "v1", "global", "none"),
    svc("lustre", "Managed Lustre", "v1", "global", "none"),
    svc("alloydb", "AlloyDB", "v1", "global", "empty-json"),
    svc("file", "Filestore", "v1", "global", "empty-json"),
    svc("gkehub", "GKE Hub (Fleet)", "v1", "global", "empty-json"),
    svc("gkebackup", "Backup for GKE", "v1", "global", "empty-json"),
    svc("workstations", "Cloud Workstations", "v1", "global", "empty-json"),
    svc("batch", "Batch", "v1", "global", "empty-json"),
    svc("cloudbuild", "Cloud Build (2nd gen)", "v2", "global", "empty-json"),
    svc("metastore", "Dataproc Metastore", "v1", "global", "empty-json"),
    svc("datastream", "Datastream", "v1", "global", "empty-json"),
    svc("eventarc", "Eventarc", "v1", "global", "empty-json"),
    svc("certificatemanager", "Certificate Manager", "v1", "global", "empty-json"),
    svc("privateca", "Certificate Authority Service", "v1", "global", "empty-json"),
    svc("networkconnectivity", "Network Connectivity", "v1", "global", "empty-json"),
    svc("netapp", "NetApp Volumes", "v1", "global", "empty-json"),
    svc("config", "Infrastructure Manager", "v1", "global", "empty-json"),
    svc("managedkafka", "Managed Service for Apache Kafka", "v1", "global", "empty-json"),
    svc("edgecontainer", "Distributed Cloud Edge", "v1", "global", "empty-json"),
    svc("speech", "Speech-to-Text v2", "v2", "global", "empty-json"),
    svc("networkmanagement", "Network Management", "v1", "global", "empty-json", "global"),
];

const BY_KEY = new Map(SERVICES.map((s) => [s.key, s]));

/** Every registered service, in a stable order. */
export function listServices(): readonly ServiceInfo[] {
    return SERVICES;
}

/** The registered service for a key, or undefined. Accepts `clouddeploy` and `clouddeploy.googleapis.com`. */
export function findService(key: string): ServiceInfo | undefined {
    return BY_KEY.get(normalizeServiceKey(key));
}

/** The registered service for a key, or a clear error listing the known keys and the `endpoint` escape hatch. */
export function requireService(key: string, field = "service"): ServiceInfo {
    const found = findService(key);
    if (!found) {
        throw new InvalidOptionError(
            field,
            `${field} ${JSON.stringify(key)} is not a known service. Use one of: ${SERVICES.map((s) => s.key).join(", ")}; ` +
                "or set endpoint (https://...) for a service not listed",
        );
    }
    return found;
}

function normalizeServiceKey(key: string): string {
    return key.trim().toLowerCase().replace(/\.googleapis\.com$/, "");
}

/** The default universe domain of Google Cloud. */
export const DEFAULT_UNIVERSE_DOMAIN = "googleapis.com";

/** The host that serves a service's operations in a location: `clouddeploy.googleapis.com`, `us-west1-gkemulticloud.googleapis.com`. */
export function serviceHost(service: ServiceInfo, location: string, universeDomain = DEFAULT_UNIVERSE_DOMAIN): string {
    if (service.scope === "regional" && location !== "global" && location !== "-") {
        return `${location}-${service.key}.${universeDomain}`;
    }
    return `${service.key}.${universeDomain}`;
}
