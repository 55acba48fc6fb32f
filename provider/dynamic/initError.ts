/**
 * An error that tells Pulumi's dynamic-provider host the resource exists but did not finish
 * initializing: the host reports it as `ErrorResourceInitFailed`, the engine keeps `id` and
 * `properties` in state, and the next `pulumi up` calls `update` on it.
 */
export class ResourceInitError extends Error {
    constructor(
        message: string,
        public readonly id: string,
        public readonly properties: Record<string, unknown>,
        public readonly reasons: string[] = [message],
    ) {
        super(message);
        this.name = "ResourceInitError";
    }
}
