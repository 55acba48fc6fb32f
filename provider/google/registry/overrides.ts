import type { CancelBody, EndpointScope, OperationShape } from "./types";

/**
 * What the discovery documents do not say, kept by hand, each with its source. The registry test checks
 * that every override names a generated service (or is a whole hand-kept entry) and changes something.
 */
export interface ServiceOverride {
    /** Hosts per location (`{location}-{key}.googleapis.com`) instead of one global host. */
    scope?: EndpointScope;
    /** The operations' JSON shape when it is not `google.longrunning.Operation`. */
    shape?: OperationShape;
    /** A clearer product name than the discovery document's title. */
    title?: string;
    /** Generate from this API version instead of the highest stable one. */
    apiVersion?: string;
    /** Why: the source of the fact. */
    why: string;
}

/** A whole entry for a service whose discovery document is not among the ones the registry is generated from. */
export interface HandKeptService {
    key: string;
    title: string;
    apiVersion: string;
    scope: EndpointScope;
    cancelBody: CancelBody;
    templates: string[];
    why: string;
}

export const OVERRIDES: Readonly<Record<string, ServiceOverride>> = {
    aiplatform: { scope: "regional", title: "Vertex AI", why: "Vertex AI serves each region at {region}-aiplatform.googleapis.com (Google Cloud SDK, terraform-provider-google)" },
    documentai: { scope: "regional", why: "Document AI serves us and eu at {location}-documentai.googleapis.com (Google Cloud SDK)" },
    dialogflow: { scope: "regional", title: "Dialogflow CX", why: "Dialogflow CX serves each location at {location}-dialogflow.googleapis.com (Google Cloud SDK)" },
    container: { shape: "container", title: "Google Kubernetes Engine", why: "GKE answers google.container.v1.Operation (container-api.json, schema Operation: status enum, bare-id name)" },
    gkehub: { apiVersion: "v1", why: "the registry has served GKE Hub (Fleet) at v1 since its first release; v2 is kept for a deliberate switch" },
    sqladmin: { shape: "sqladmin", title: "Cloud SQL Admin", why: "Cloud SQL answers sql#operation (sqladmin-api.json, schema Operation: status, targetId, error.errors[])" },
};

export const HAND_KEPT: readonly HandKeptService[] = [
    {
        key: "edgecontainer",
        title: "Distributed Cloud Edge",
        apiVersion: "v1",
        scope: "global",
        cancelBody: "empty-json",
        templates: ["projects/*/locations/*/operations/*"],
        why: "no discovery document in the module the registry is generated from; HTTP rule body \"*\" (googleapis/googleapis google/cloud/edgecontainer/v1/edgecontainer_v1.yaml)",
    },
    {
        key: "lustre",
        title: "Managed Lustre",
        apiVersion: "v1",
        scope: "global",
        cancelBody: "none",
        templates: ["projects/*/locations/*/operations/*"],
        why: "no discovery document in the module the registry is generated from; HTTP rule without body (googleapis/googleapis google/cloud/lustre/v1/lustre_v1.yaml)",
    },
    {
        key: "memorystore",
        title: "Memorystore",
        apiVersion: "v1",
        scope: "global",
        cancelBody: "none",
        templates: ["projects/*/locations/*/operations/*"],
        why: "no discovery document in the module the registry is generated from; HTTP rule without body (googleapis/googleapis google/cloud/memorystore/v1/memorystore_v1.yaml)",
    },
    {
        key: "speech",
        title: "Speech-to-Text v2",
        apiVersion: "v2",
        scope: "global",
        cancelBody: "empty-json",
        templates: ["projects/*/locations/*/operations/*"],
        why: "the module the registry is generated from has Speech-to-Text v1 only (whose operations are not under projects/); v2's HTTP rule body \"*\" (googleapis/googleapis google/cloud/speech/v2/speech_v2.yaml)",
    },
    {
        key: "gkemulticloud",
        title: "GKE Multi-Cloud",
        apiVersion: "v1",
        scope: "regional",
        cancelBody: "empty-json",
        templates: ["projects/*/locations/*/operations/*"],
        why: "no discovery document is published with the client libraries the registry is generated from; the HTTP rule (google/cloud/gkemulticloud/v1/*.yaml: body \"*\") and the regional hosts ({region}-gkemulticloud.googleapis.com) are from googleapis/googleapis and the Google Cloud SDK",
    },
];
