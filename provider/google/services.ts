import { InvalidOptionError } from "./errors";
import { SERVICES } from "./registry";
import type { ServiceInfo } from "./registry";

export type { CancelBody, EndpointScope, OperationShape, ServiceInfo } from "./registry";

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
            `${field} ${JSON.stringify(key)} is not a known service. Use a registry key such as clouddeploy, gkemulticloud, spanner or firestore ` +
                `(all ${SERVICES.length}: docs/services.md); or set endpoint (https://...) for a service not listed`,
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

/** The services with an operation name form that fits these segments (used to infer the service of a name that does not say it). */
export function servicesForTemplate(fits: (template: string) => boolean): ServiceInfo[] {
    return SERVICES.filter((s) => s.templates.some(fits));
}
