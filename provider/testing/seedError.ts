/** A seed that does not have the expected shape; the message names the offending field. */
export class SeedError extends Error {
    override name = "SeedError";
}
