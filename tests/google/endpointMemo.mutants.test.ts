/**
 * The bound of resolveEndpoint's memo, seen by object identity: answers stay cached side by side up to
 * RESOLVED_PER_OPTIONS per options object, and the next distinct one starts the cache afresh.
 */
import { resolveEndpoint, type EndpointOptions } from "../../provider/google";
import { RESOLVED_PER_OPTIONS } from "../../provider/google/endpoint";
import { parseOperationName } from "../../provider/google/names";

const inRegion = (region: string) => parseOperationName(`projects/proj-one/locations/${region}/operations/op-1`, "operation");

test("two regions resolved in turn are both kept: the first comes back as the same object", () => {
    const options: EndpointOptions = { service: "gkemulticloud" };
    const west = resolveEndpoint(inRegion("us-west1"), options);
    const east = resolveEndpoint(inRegion("us-east4"), options);
    expect(east).not.toBe(west);
    expect(resolveEndpoint(inRegion("us-west1"), options)).toBe(west);
    expect(resolveEndpoint(inRegion("us-east4"), options)).toBe(east);
});

test(`${RESOLVED_PER_OPTIONS} answers are kept together; one more distinct answer clears them`, () => {
    const options: EndpointOptions = { service: "gkemulticloud" };
    const regions = Array.from({ length: RESOLVED_PER_OPTIONS }, (_, i) => `region${i}-a`);
    const first = regions.map((region) => resolveEndpoint(inRegion(region), options));
    regions.forEach((region, i) => expect(resolveEndpoint(inRegion(region), options)).toBe(first[i]));

    resolveEndpoint(inRegion("one-more-region"), options);
    const again = resolveEndpoint(inRegion(regions[0]), options);
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
});
