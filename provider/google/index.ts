export * from "./auth";
export * from "./client";
export { resolveEndpoint, validateEndpoint, isLoopbackHost, type EndpointOptions, type ResolvedEndpoint } from "./endpoint";
export * from "./errors";
export { parseErrorBody } from "./errorBody";
// The public name of the one redaction every message of this library goes through.
export { redactSecrets as redact } from "./secrets";
export * from "./names";
export * from "./outcome";
export { DEFAULT_POLL, type PollSchedule } from "./poll";
export { DEFAULT_RETRY, SharedBackoff, type RetryOptions } from "./retry";
export * from "./services";
export * from "./status";
export * from "./types";
