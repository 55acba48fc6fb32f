/**
 * Shared by the in-process suites of the dynamic providers.
 */
import type * as pulumi from "@pulumi/pulumi";

/** What a provider's check refuses in `news` (a Cloud Deploy target unless told otherwise), as property → reason. */
export async function checkFailures(provider: pulumi.dynamic.ResourceProvider, news: Record<string, unknown>): Promise<Record<string, string>> {
    const result = await provider.check!({}, { service: "clouddeploy", ...news });
    return Object.fromEntries((result.failures ?? []).map((f) => [f.property, f.reason]));
}
