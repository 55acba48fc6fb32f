/**
 * `https://container.googleapis.com/v1/projects/123/locations/l/clusters/c` → `projects/123/locations/l/clusters/c`:
 * the resource path of a self or target link, for selection by target (a link that is not one is kept as is).
 */
export function resourcePathOfLink(link: string): string {
    const match = /^https:\/\/[^/]+\/(?:[a-z]+\/)?v\d+[a-z0-9]*\/(projects\/.+)$/.exec(link);
    return match ? match[1] : link;
}
