/**
 * Property-based tests (fast-check) over generated operation names and parents, well-formed, nearly
 * well-formed and hostile, in every accepted form: every accepted one yields a request whose path is
 * exactly the operation's (or the parent's list path), every other is refused before any request (no
 * credentials asked, nothing dispatched), and nothing throws anything but an OperationsError.
 *
 * 200,000 inputs are resolved (no request: the URL resolved is the one the transport sends); a further
 * 5,000 go through whole calls to a recording undici dispatcher that answers like the API, proving that
 * link: the request sent is exactly the URL resolved, and a refused input sends nothing.
 */
import * as fc from "fast-check";
import { Dispatcher } from "undici";
import { OperationsClient, OperationsError, listServices, type CredentialSource, type OperationsClientOptions } from "../../provider/google";

const NAMES = 100_000;
const PARENTS = 100_000;
/** Whole calls through the transport (slower per name): the link between the resolved URL and the request sent. */
const CALLS = 5_000;

/** Answers every request at once, like the API would for the path asked, and records the path and host. */
class RecordingDispatcher extends Dispatcher {
    readonly seen: Array<{ origin: string; path: string }> = [];

    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        const origin = String(options.origin);
        this.seen.push({ origin, path: options.path });
        const pathname = options.path.split("?")[0];
        const segments = pathname.split("/").slice(2).map(decodeURIComponent);
        const body =
            segments.length === 5 && segments[4] === "operations"
                ? { operations: [] }
                : { name: segments.join("/"), done: true, response: {} };
        const controller = {
            abort: () => undefined,
            pause: () => undefined,
            resume: () => undefined,
            aborted: false,
            paused: false,
            reason: null,
        } as unknown as Dispatcher.DispatchController;
        queueMicrotask(() => {
            handler.onRequestStart?.(controller, {});
            handler.onResponseStart?.(controller, 200, { "content-type": "application/json" }, "OK");
            handler.onResponseData?.(controller, Buffer.from(JSON.stringify(body)));
            handler.onResponseEnd?.(controller, {});
        });
        return true;
    }
}

/** A credential source that counts how often it was asked (it must never be, for a refused name). */
class CountingCredentials implements CredentialSource {
    readonly kind = "access-token" as const;
    asked = 0;
    async requestHeaders(): Promise<Record<string, string>> {
        this.asked++;
        return { authorization: "Bearer property-test-token" };
    }
}

// ---- generators ---------------------------------------------------------------------------------

const lower = "abcdefghijklmnopqrstuvwxyz";
const hostile = ["/", ".", "..", "%2F", "%", "?", "#", " ", "\n", "\t", "\u0000", "\u007f", "\u2028", "\\", ":", "@", "é", "Ａ", "*", "'", '"', "<", "&", "=", "+", "~", "_", "-", "A", "Z", "9"];
const char = (alphabet: string) => fc.constantFrom(...alphabet.split(""));
const word = (alphabet: string, min: number, max: number) => fc.array(char(alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(""));

const validProject = fc.oneof(
    fc.tuple(char(lower), word(`${lower}0123456789-`, 4, 20), char(`${lower}0123456789`)).map(([a, b, c]) => a + b + c),
    word("0123456789", 1, 13),
    fc.constant("example.com:my-proj"),
);
const validLocation = fc.oneof(fc.constantFrom("us-central1", "us-west1", "europe-west4", "global", "asia-northeast1"), word(`${lower}0123456789-`, 1, 12).map((w) => `a${w}1`));
const validOperation = fc.oneof(
    fc.constantFrom("operation-1732000000000-5f3c2e1d", "op-1", "1234567890", "acf.7c2b", "x_y~z", "a.b.c"),
    fc.tuple(char(`${lower}0123456789_ABC`), word(`${lower}0123456789._~-ABCXYZ`, 0, 40)).map(([a, b]) => a + b),
);
/** A segment that is often valid, sometimes with one hostile piece spliced in, sometimes anything at all. */
const segment = (valid: fc.Arbitrary<string>) =>
    fc.oneof(
        { weight: 14, arbitrary: valid },
        { weight: 3, arbitrary: fc.tuple(valid, fc.constantFrom(...hostile), fc.nat(40)).map(([v, h, at]) => v.slice(0, at % (v.length + 1)) + h + v.slice(at % (v.length + 1))) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 1, arbitrary: fc.constantFrom("", ".", "..", "-", "%2e%2e", "projects", "operations") },
    );
const prefix = fc.oneof(
    { weight: 8, arbitrary: fc.constant("") },
    {
        weight: 6,
        arbitrary: fc.constantFrom(
            "//clouddeploy.googleapis.com/",
            "//gkemulticloud.googleapis.com/",
            "//us-west1-gkemulticloud.googleapis.com/",
            "https://clouddeploy.googleapis.com/v1/",
            "https://us-west1-gkemulticloud.googleapis.com/v1/",
            "https://aiplatform.googleapis.com/v1beta1/",
        ),
    },
    {
        weight: 2,
        arbitrary: fc.constantFrom(
            "//evil.example.com/",
            "//localhost/",
            "http://clouddeploy.googleapis.com/v1/",
            "https://clouddeploy.googleapis.com:8443/v1/",
            "https://user:pw@clouddeploy.googleapis.com/v1/",
            "https://clouddeploy.googleapis.com/",
            "https://CLOUDDEPLOY.googleapis.com/v1/",
            "https://clouddeploy.googleapis.com/v1/../",
            "HTTPS://clouddeploy.googleapis.com/v1/",
            "file:///",
            "//",
            "/",
        ),
    },
);
/** Collection paths between the project and the operations: the locations form most often, other services' forms too. */
const middles: string[][] = [...Array.from({ length: 9 }, () => ["locations"]), ["instances", "databases"], ["databases"], ["instances"], ["zones"], ["locations", "datasets"], [], ["instanceConfigs"], ["widgets"]];
const validResource = fc.oneof(fc.constantFrom("inst-1", "(default)", "db_2", "my~res", "a.b"), word(`${lower}0123456789_-`, 1, 20).map((w) => `r${w}`));
const structure = (withOperation: boolean) =>
    fc
        .tuple(prefix, segment(validProject), segment(validLocation), segment(validOperation), fc.nat(30), fc.nat(middles.length - 1), segment(validResource))
        .map(([p, project, location, operation, shape, m, resource]) => {
            const middle = middles[m].flatMap((collection) => [collection, collection === "locations" || collection === "zones" ? location : resource]);
            const parts = ["projects", project, ...middle, ...(withOperation ? ["operations", operation] : [])];
            // Now and then a broken shape: a part dropped, doubled, or a collection renamed, a trailing slash.
            if (shape === 0) parts.splice(1, 1);
            if (shape === 1) parts.push(parts[parts.length - 1]);
            if (shape === 2 && parts.length > 2) parts[2] = "regions";
            if (shape === 3) parts.push("");
            if (shape === 4 && !withOperation) parts.push("operations");
            return p + parts.join("/");
        });
const anything = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "grapheme-composite", maxLength: 40 }));
const notAString = fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object({ maxDepth: 1 }), fc.array(fc.string(), { maxLength: 3 }));
const input = (withOperation: boolean) =>
    fc.oneof({ weight: 20, arbitrary: structure(withOperation) }, { weight: 2, arbitrary: anything }, { weight: 1, arbitrary: notAString as fc.Arbitrary<unknown> });

// ---- the independent reading of what an accepted input names -----------------------------------

/** The `projects/...` path an input names, by plain string handling (not the library's parser); one trailing slash is not part of it. */
function pathOf(raw: string): string {
    const url = /^https:\/\/[^/]+\/[^/]+\/(.*)$/.exec(raw);
    const path = raw.startsWith("//") ? raw.slice(raw.indexOf("/", 2) + 1) : url ? url[1] : raw;
    return path.replace(/\/$/, "");
}

/**
 * Plain checks inside the properties (jest's `expect` costs tens of microseconds a call, too much for
 * 200,000 runs): a failure throws, and fast-check reports and shrinks the counterexample.
 */
function must(condition: boolean, what: string): void {
    if (!condition) throw new Error(what);
}

/** The request path for a resource path, segment by segment, and checks that it survives URL parsing. */
function expectExactPath(requested: string, resourcePath: string, suffix: string): void {
    const [pathname, query] = requested.split("?");
    must(query === undefined, `the request path ${requested} carries a query`);
    const segments = pathname.split("/");
    // "", version, then the resource's own segments, then the suffix's.
    const expected = [...resourcePath.split("/"), ...(suffix ? suffix.split("/").slice(1) : [])];
    must(segments[0] === "" && /^v\d+(?:(?:alpha|beta)\d*)?$/.test(segments[1]), `the request path ${pathname} does not start with /{version}/`);
    const decoded = segments.slice(2).map(decodeURIComponent);
    must(decoded.length === expected.length && decoded.every((d, i) => d === expected[i]), `the request path ${pathname} is not exactly ${resourcePath}${suffix}`);
    for (const seg of segments.slice(2)) must(!(seg === "." || seg.includes("..") || seg === ""), `the request path ${pathname} has a dot or empty segment`);
    // What a server's URL parser makes of it is the same path: nothing removed or rewritten.
    must(new URL(pathname, "https://h.example").pathname === pathname, `a URL parser rewrites ${pathname}`);
}

/**
 * The resource paths a client may accept: with a service, only that service's name forms (both services
 * configured below have the one `locations` form); without one, any registered service's form, read
 * here from the registry's templates as plain regular expressions (`*` = one segment).
 */
const LOCATIONS_FORM = /^projects\/[^/]+\/locations\/[^/]+\/operations\/[^/]+$/;
const ANY_REGISTERED_FORM = new RegExp(
    `^(?:${[...new Set(listServices().flatMap((s) => s.templates))].map((t) => t.split("/").map((p) => (p === "*" ? "[^/]+" : p)).join("\\/")).join("|")})$`,
);
function acceptable(which: number, resourcePath: string, parent: boolean): boolean {
    const path = parent ? `${resourcePath}/operations/x` : resourcePath;
    return which === 1 ? ANY_REGISTERED_FORM.test(path) : LOCATIONS_FORM.test(path);
}

// ---- the properties ------------------------------------------------------------------------------

interface Harness {
    client: OperationsClient;
    dispatcher: RecordingDispatcher;
    credentials: CountingCredentials;
}

function harnesses(): Harness[] {
    const configs: OperationsClientOptions[] = [
        { endpoint: "http://127.0.0.1:9", service: "clouddeploy" },
        {},
        { service: "gkemulticloud" },
    ];
    return configs.map((extra) => {
        const dispatcher = new RecordingDispatcher();
        const credentials = new CountingCredentials();
        return { dispatcher, credentials, client: new OperationsClient({ ...extra, credentials, dispatcher, retry: { maxAttempts: 1 } }) };
    });
}

describe("generated names and parents (fast-check)", () => {
    /** Resolves (no request) with one of the clients; the URL it returns is the one the transport sends. */
    const resolve = (raw: unknown, which: number, parent: boolean): { url: string; name: string } | OperationsError => {
        const { client } = harnesses_[which];
        try {
            const resolved = parent ? client.resolveParent(raw as string) : client.resolveOperation(raw as string);
            return { url: resolved.url, name: resolved.ref.name };
        } catch (err) {
            // Nothing but an OperationsError, and only for bad input.
            must(err instanceof OperationsError, `threw ${String(err)}, not an OperationsError`);
            must(["ERR_INVALID_NAME", "ERR_INVALID_OPTION"].includes((err as OperationsError).code), `refused with ${(err as OperationsError).code}`);
            return err as OperationsError;
        }
    };

    test(`${NAMES.toLocaleString("en")} operation names: an accepted name's request path is exactly the operation's; every other is refused`, () => {
        const stats = { accepted: 0, refused: 0 };
        fc.assert(
            fc.property(input(true), fc.nat(2), (raw, which) => {
                const resolved = resolve(raw, which, false);
                if (resolved instanceof OperationsError) return void stats.refused++;
                stats.accepted++;
                const resourcePath = pathOf(raw as string);
                must(acceptable(which, resourcePath, false), `accepted ${JSON.stringify(raw)}, which names no operation of the service`);
                must(resolved.name === resourcePath, `resolved ${JSON.stringify(raw)} as ${resolved.name}`);
                expectExactPath(new URL(resolved.url).pathname, resourcePath, "");
            }),
            { numRuns: NAMES, seed: seedOf("names") },
        );
        // Both sides are well exercised.
        expect(stats.accepted).toBeGreaterThan(NAMES / 10);
        expect(stats.refused).toBeGreaterThan(NAMES / 10);
    });

    test(`${PARENTS.toLocaleString("en")} parents: an accepted parent lists exactly its own operations collection; every other is refused`, () => {
        const stats = { accepted: 0, refused: 0 };
        fc.assert(
            fc.property(input(false), fc.nat(2), (raw, which) => {
                const resolved = resolve(raw, which, true);
                if (resolved instanceof OperationsError) return void stats.refused++;
                stats.accepted++;
                const resourcePath = pathOf(raw as string).replace(/\/operations$/, "");
                must(acceptable(which, resourcePath, true), `accepted ${JSON.stringify(raw)}, which names no parent of the service's operations`);
                must(resolved.name === resourcePath, `resolved ${JSON.stringify(raw)} as ${resolved.name}`);
                expectExactPath(new URL(resolved.url).pathname, resourcePath, "/operations");
            }),
            { numRuns: PARENTS, seed: seedOf("parents") },
        );
        expect(stats.accepted).toBeGreaterThan(PARENTS / 10);
        expect(stats.refused).toBeGreaterThan(PARENTS / 10);
    });

    test(`${CALLS.toLocaleString("en")} names and parents through whole calls: the request sent is exactly the one resolved; a refused one sends nothing and asks for no credentials`, async () => {
        await fc.assert(
            fc.asyncProperty(fc.boolean(), input(true), input(false), fc.nat(2), async (isParent, name, parentName, which) => {
                const raw = isParent ? parentName : name;
                const { client, dispatcher, credentials } = harnesses_[which];
                const sentBefore = dispatcher.seen.length;
                const askedBefore = credentials.asked;
                const resolved = resolve(raw, which, isParent);
                let thrown: unknown;
                try {
                    if (isParent) await client.listOperations(raw as string).next();
                    else expect((await client.getOperation(raw as string)).name).toBe((resolved as { name: string }).name);
                } catch (err) {
                    thrown = err;
                }
                if (resolved instanceof OperationsError) {
                    expect(thrown).toBeInstanceOf(OperationsError);
                    expect((thrown as Error).message).toBe(resolved.message);
                    expect(dispatcher.seen.length).toBe(sentBefore);
                    expect(credentials.asked).toBe(askedBefore);
                    return;
                }
                expect(thrown).toBeUndefined();
                expect(dispatcher.seen.length).toBe(sentBefore + 1);
                const sent = dispatcher.seen[sentBefore];
                expect(sent.origin + sent.path).toBe(resolved.url);
            }),
            { numRuns: CALLS, seed: seedOf("calls") },
        );
    });
});

const harnesses_ = harnesses();

/** A seed per run (printed by fast-check on failure, so a failure can be replayed with FC_SEED). */
function seedOf(label: string): number | undefined {
    const fixed = process.env.FC_SEED;
    return fixed ? Number(fixed) + label.length : undefined;
}
