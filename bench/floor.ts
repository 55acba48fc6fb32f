/**
 * The floor: bare undici doing the same requests as the client, on a warm keep-alive `Pool`, with
 * nothing else (no validation, retries, deadlines beyond undici's own, credentials or error mapping).
 * What the client costs is measured against this.
 */
import { Pool } from "undici";

const HEADERS = { authorization: "Bearer emulator-token", accept: "application/json" };
const POST_HEADERS = { ...HEADERS, "content-type": "application/json" };
/** undici's own timeouts, so that no floor request can hang the bench. */
const TIMEOUTS = { headersTimeout: 30_000, bodyTimeout: 30_000 };

/** A warm pool to the emulator: `connections` sockets, kept alive. */
export function floorPool(baseUrl: string, connections: number): Pool {
    return new Pool(new URL(baseUrl).origin, { connections, keepAliveTimeout: 30_000 });
}

/** The fields of an operation or list page the floor reads. */
interface FloorJson {
    done?: boolean;
    operations?: Array<{ name: string; done?: boolean }>;
    nextPageToken?: string;
}

async function getJson(pool: Pool, path: string): Promise<FloorJson> {
    const response = await pool.request({ method: "GET", path, headers: HEADERS, ...TIMEOUTS });
    const json = (await response.body.json()) as FloorJson;
    if (response.statusCode !== 200) throw new Error(`floor: GET ${path} answered ${response.statusCode}`);
    return json;
}

async function cancel(pool: Pool, path: string): Promise<void> {
    const response = await pool.request({ method: "POST", path: `${path}:cancel`, headers: POST_HEADERS, body: "{}", ...TIMEOUTS });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`floor: POST ${path}:cancel answered ${response.statusCode}`);
}

/** What the client's `cancelAndConfirm` sends for a cancel that takes effect at once: GET, POST :cancel, GET. */
export async function floorCancelAndConfirm(pool: Pool, name: string): Promise<boolean> {
    const path = `/v1/${name}`;
    const before = await getJson(pool, path);
    if (before.done) return true;
    await cancel(pool, path);
    const after = await getJson(pool, path);
    return after.done === true;
}

/**
 * A sweep of every running operation under `parent`: pages of `pageSize` listed with the next page
 * requested as soon as a page arrives, and each operation cancelled and confirmed (as above) with at
 * most `concurrency` in flight. Resolves with the operations confirmed done.
 */
export async function floorSweep(pool: Pool, parent: string, concurrency: number, pageSize = 100): Promise<number> {
    const listPath = (token?: string) => `/v1/${parent}/operations?pageSize=${pageSize}${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`;
    let confirmed = 0;
    let active = 0;
    const waiters: Array<() => void> = [];
    const running = new Set<Promise<void>>();
    let next: ReturnType<typeof getJson> | undefined = getJson(pool, listPath());
    while (next) {
        const page: FloorJson = await next;
        next = page.nextPageToken ? getJson(pool, listPath(page.nextPageToken)) : undefined;
        for (const operation of page.operations ?? []) {
            if (operation.done) continue;
            while (active >= concurrency) await new Promise<void>((resolve) => waiters.push(resolve));
            active++;
            const run: Promise<void> = floorCancelAndConfirm(pool, operation.name).then((done) => {
                if (done) confirmed++;
                active--;
                running.delete(run);
                waiters.shift()?.();
            });
            running.add(run);
        }
    }
    await Promise.all(running);
    return confirmed;
}
