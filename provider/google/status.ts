/**
 * The `google.rpc.Code` values and their HTTP mapping, as in googleapis `google/rpc/code.proto`.
 */
export const RpcCode = {
    OK: 0,
    CANCELLED: 1,
    UNKNOWN: 2,
    INVALID_ARGUMENT: 3,
    DEADLINE_EXCEEDED: 4,
    NOT_FOUND: 5,
    ALREADY_EXISTS: 6,
    PERMISSION_DENIED: 7,
    RESOURCE_EXHAUSTED: 8,
    FAILED_PRECONDITION: 9,
    ABORTED: 10,
    OUT_OF_RANGE: 11,
    UNIMPLEMENTED: 12,
    INTERNAL: 13,
    UNAVAILABLE: 14,
    DATA_LOSS: 15,
    UNAUTHENTICATED: 16,
} as const;

/** A `google.rpc.Code` name such as `PERMISSION_DENIED`. */
export type RpcCodeName = keyof typeof RpcCode;

const HTTP_BY_CODE: Record<RpcCodeName, number> = {
    OK: 200,
    CANCELLED: 499,
    UNKNOWN: 500,
    INVALID_ARGUMENT: 400,
    DEADLINE_EXCEEDED: 504,
    NOT_FOUND: 404,
    ALREADY_EXISTS: 409,
    PERMISSION_DENIED: 403,
    RESOURCE_EXHAUSTED: 429,
    FAILED_PRECONDITION: 400,
    ABORTED: 409,
    OUT_OF_RANGE: 400,
    UNIMPLEMENTED: 501,
    INTERNAL: 500,
    UNAVAILABLE: 503,
    DATA_LOSS: 500,
    UNAUTHENTICATED: 401,
};

/** The HTTP status Google answers for a `google.rpc.Code` name. */
export function httpStatusForCode(name: RpcCodeName): number {
    return HTTP_BY_CODE[name];
}

/** The numeric `google.rpc.Code` for a name. */
export function rpcCodeNumber(name: RpcCodeName): number {
    return RpcCode[name];
}

/** The name of a numeric `google.rpc.Code`, or undefined when it is not one. */
export function rpcCodeName(code: number): RpcCodeName | undefined {
    return (Object.keys(RpcCode) as RpcCodeName[]).find((k) => RpcCode[k] === code);
}

/**
 * The code name a client should assume when an error body carries no `status`:
 * the canonical mapping from HTTP status, as gax and the Google API clients do.
 */
export function codeNameForHttpStatus(status: number): RpcCodeName {
    switch (status) {
        case 400: return "INVALID_ARGUMENT";
        case 401: return "UNAUTHENTICATED";
        case 403: return "PERMISSION_DENIED";
        case 404: return "NOT_FOUND";
        case 409: return "ABORTED";
        case 412: return "FAILED_PRECONDITION";
        case 416: return "OUT_OF_RANGE";
        case 429: return "RESOURCE_EXHAUSTED";
        case 499: return "CANCELLED";
        case 501: return "UNIMPLEMENTED";
        case 503: return "UNAVAILABLE";
        case 504: return "DEADLINE_EXCEEDED";
        default:
            if (status >= 200 && status < 300) return "OK";
            if (status >= 500) return "INTERNAL";
            return "UNKNOWN";
    }
}

/** True when a string is a `google.rpc.Code` name. */
export function isRpcCodeName(value: unknown): value is RpcCodeName {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(RpcCode, value);
}
