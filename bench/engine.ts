/** Placeholder replaced below. */
export async function benchEngine(_config: unknown): Promise<string[]> {
    return ["SKIP  real engine: not implemented"];
}
