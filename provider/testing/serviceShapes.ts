/**
 * What each service's operation metadata and responses look like on the wire.
 */
import { createHash } from "node:crypto";

/** The parts of an operation name `projects/{project}/locations/{location}/operations/{id}`. */
export interface OperationNameParts {
    project: string;
    location: string;
    id: string;
}

const NAME_RE = /^projects\/([^/]+)\/locations\/([^/]+)\/operations\/([^/]+)$/;

/** Splits an operation name, or undefined when it does not have the `projects/*\/locations/*\/operations/*` shape. */
export function parseOperationName(name: string): OperationNameParts | undefined {
    const m = NAME_RE.exec(name);
    return m ? { project: m[1], location: m[2], id: m[3] } : undefined;
}

/**
 * A stable 12-digit project number for a project id: services write `metadata.target` with the
 * project number even when the caller used the id.
 */
export function projectNumber(project: string): string {
    if (/^\d+$/.test(project)) return project;
    const n = createHash("sha256").update(project).digest().readUIntBE(0, 6) % 900000000000;
    return String(100000000000 + n);
}

/** What a service does where Google's contract leaves it open; see docs/emulator.md for the evidence behind each default. */
export interface ServiceBehaviour {
    /** Answer to a cancel of an operation that is already done: `ok` (200 `{}`) or `failed-precondition` (400). */
    afterDoneCancel: "ok" | "failed-precondition";
    /**
     * Which final errors are copied into `metadata.errorDetail` (services whose metadata has that field):
     * `never`, `failure` (scripted failures, not cancellation) or `always` (cancellation too).
     */
    errorDetail: "never" | "failure" | "always";
}

const DEFAULT_BEHAVIOUR: ServiceBehaviour = { afterDoneCancel: "failed-precondition", errorDetail: "never" };

// Per-service defaults (docs/emulator.md, "Per-service behaviour", gives the evidence for each).
const BEHAVIOURS: Record<string, Partial<ServiceBehaviour>> = {
    clouddeploy: {},
    gkemulticloud: { errorDetail: "failure" },
    spanner: { afterDoneCancel: "ok" },
    lifesciences: { afterDoneCancel: "failed-precondition" },
};

/** The default behaviour of a service, with `overrides` (e.g. from the emulator options or seed) applied. */
export function serviceBehaviour(service: string, overrides?: Record<string, Partial<ServiceBehaviour>>): ServiceBehaviour {
    return { ...DEFAULT_BEHAVIOUR, ...(BEHAVIOURS[service] ?? {}), ...(overrides?.[service] ?? {}) };
}

interface ServiceShape {
    metadataType: string;
    /** Collection of the default target, e.g. `deliveryPipelines`. */
    collection: string;
    /** Prefix of the default target's resource id. */
    resourcePrefix: string;
    /** Proto package of the service's resources, e.g. `google.cloud.deploy.v1`. */
    protoPackage?: string;
    /** Builds the metadata fields (without `@type`). */
    metadata(state: MetadataState): Record<string, unknown>;
}

/** The live facts a service writes into its operation metadata. */
export interface MetadataState {
    createTime: string;
    endTime?: string;
    target: string;
    verb: string;
    cancelRequested: boolean;
    /** Message of the final error, if the operation failed. */
    errorMessage?: string;
}

const SHAPES: Record<string, ServiceShape> = {
    clouddeploy: {
        metadataType: "type.googleapis.com/google.cloud.deploy.v1.OperationMetadata",
        collection: "deliveryPipelines",
        resourcePrefix: "pipeline-",
        protoPackage: "google.cloud.deploy.v1",
        metadata: (s) => ({
            createTime: s.createTime,
            ...(s.endTime ? { endTime: s.endTime } : {}),
            target: s.target,
            verb: s.verb,
            ...(s.cancelRequested ? { requestedCancellation: true } : {}),
            apiVersion: "v1",
        }),
    },
    gkemulticloud: {
        metadataType: "type.googleapis.com/google.cloud.gkemulticloud.v1.OperationMetadata",
        collection: "awsClusters",
        resourcePrefix: "cluster-",
        protoPackage: "google.cloud.gkemulticloud.v1",
        metadata: (s) => ({
            createTime: s.createTime,
            ...(s.endTime ? { endTime: s.endTime } : {}),
            target: s.target,
            ...(s.errorMessage ? { errorDetail: s.errorMessage } : {}),
            verb: s.verb,
            ...(s.cancelRequested ? { requestedCancellation: true } : {}),
        }),
    },
};

// Many services without their own metadata message use google.cloud.common.OperationMetadata, whose
// flag is `cancelRequested` (not `requestedCancellation`).
const GENERIC: ServiceShape = {
    metadataType: "type.googleapis.com/google.cloud.common.OperationMetadata",
    collection: "resources",
    resourcePrefix: "",
    metadata: (s) => ({
        createTime: s.createTime,
        ...(s.endTime ? { endTime: s.endTime } : {}),
        target: s.target,
        verb: s.verb,
        ...(s.cancelRequested ? { cancelRequested: true } : {}),
        apiVersion: "v1",
    }),
};

function shapeOf(service: string): ServiceShape {
    return SHAPES[service] ?? GENERIC;
}

/** The default `metadata.target` of an operation: a resource of the service under the project number. */
export function defaultTarget(service: string, parts: OperationNameParts): string {
    const shape = shapeOf(service);
    return `projects/${projectNumber(parts.project)}/locations/${parts.location}/${shape.collection}/${shape.resourcePrefix}${parts.id}`;
}

/** The metadata `Any` of an operation of a service. */
export function buildMetadata(service: string, state: MetadataState): Record<string, unknown> {
    const shape = shapeOf(service);
    return { "@type": shape.metadataType, ...shape.metadata(state) };
}

const EMPTY = "type.googleapis.com/google.protobuf.Empty";

/**
 * The default response of a successful operation: the resource for create/update/import verbs
 * (`@type` from the target's collection), `google.protobuf.Empty` for deletes and unknown services.
 */
export function defaultResponse(service: string, target: string, verb: string): Record<string, unknown> {
    const pkg = shapeOf(service).protoPackage;
    if (!pkg || verb === "delete") return { "@type": EMPTY };
    const segments = target.split("/");
    const collection = segments.length >= 2 ? segments[segments.length - 2] : "";
    const singular = collection.replace(/ies$/, "y").replace(/s$/, "");
    if (!singular) return { "@type": EMPTY };
    const message = singular[0].toUpperCase() + singular.slice(1);
    return { "@type": `type.googleapis.com/${pkg}.${message}`, name: target };
}
