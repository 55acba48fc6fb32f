/**
 * Google's official Node clients as conformance peers: `@google-cloud/deploy` (CloudDeployClient) and
 * `@google-cloud/gkemulticloud` (AwsClustersClient), over REST (`fallback: true`, google-gax's HTTP/1.1 JSON
 * transport), driven against the emulator on 127.0.0.1 over http.
 * Their operations mixins (getOperation, listOperationsAsync, cancelOperation) and LRO helper
 * (checkCreate…Progress) must give what they give against Google: the operation decoded with its typed
 * metadata, a cancelled operation's error code 1 (CANCELLED), NOT_FOUND (5) with the service's ErrorInfo for an
 * unknown operation.
 *
 * The clients address `127.0.0.1:PORT` with no path prefix (google-gax builds `http://{apiEndpoint}:{port}/v1/…`
 * and cannot add one), so the Host names no service; each client gets an emulator whose `defaultService` is the
 * one its real endpoint (`clouddeploy.googleapis.com`, `gkemulticloud.googleapis.com`) would name.
 * Authentication is a minimal auth client answering the emulator's token: no network, no ADC lookup.
 */
import { CloudDeployClient } from "@google-cloud/deploy";
import { AwsClustersClient } from "@google-cloud/gkemulticloud";
import { OperationsEmulator, DEFAULT_TOKEN } from "../../provider/testing";

const PROJECT = "my-project";
const LOCATION = "us-west1";
const PARENT = `projects/${PROJECT}/locations/${LOCATION}`;
const op = (id: string) => `${PARENT}/operations/${id}`;
/** Every client call is bounded by this, on both gax's side (timeout, no retries) and the test's. */
const CALL_TIMEOUT_MS = 10_000;
const CALL_OPTIONS = { timeout: CALL_TIMEOUT_MS, maxRetries: 0 };

/**
 * An OAuth2Client of the google-auth-library the client package's own google-gax loads (v9 for deploy's gax 4,
 * whose REST stub spreads `getRequestHeaders()`; v11 for gkemulticloud's gax 6, which calls `fetch()`), holding the
 * emulator's token with a far expiry: nothing is refreshed, nothing leaves the machine.
 */
function emulatorAuth(clientPackage: string): unknown {
    const gax = require.resolve("google-gax", { paths: [require.resolve(clientPackage)] });
    const { OAuth2Client } = require(require.resolve("google-auth-library", { paths: [gax] })) as typeof import("google-auth-library");
    // gaxios 7 (under v11) would `import("node-fetch")`, which Jest's CommonJS runtime refuses; Node's own fetch it is.
    const auth = new OAuth2Client({ transporterOptions: { fetchImplementation: fetch } } as ConstructorParameters<typeof OAuth2Client>[0]);
    auth.setCredentials({ access_token: DEFAULT_TOKEN, token_type: "Bearer", expiry_date: Date.now() + 24 * 3600_000 });
    return auth;
}

/** Resolves or rejects as `p` does, or rejects after CALL_TIMEOUT_MS. */
function bounded<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The rejection of `p`, or a failure if it resolves. */
async function rejection(p: Promise<unknown>, what: string): Promise<Record<string, unknown>> {
    try {
        await bounded(p, what);
    } catch (err) {
        return err as Record<string, unknown>;
    }
    throw new Error(`${what}: resolved, expected an error`);
}

/** The operations mixin and LRO helper both clients expose (their own message types narrowed to what is checked). */
interface OperationsPeer {
    getOperation(req: { name: string }, opts: object): Promise<[{ name?: string | null; done?: boolean | null; metadata?: { type_url?: string | null } | null; error?: { code?: number | null; message?: string | null } | null }]>;
    listOperationsAsync(req: { name: string; filter?: string; pageSize?: number }, opts: object): AsyncIterable<{ name?: string | null; done?: boolean | null }>;
    cancelOperation(req: { name: string }, opts: object): Promise<unknown>;
    close(): Promise<void>;
}

interface Peer {
    label: string;
    service: string;
    /** The package's own fully qualified types of the metadata and of the create response. */
    metadataType: string;
    responseType: string;
    target: string;
    /**
     * The code a 400 FAILED_PRECONDITION becomes: google-gax 4 (deploy 4.0.0) takes it from the HTTP status
     * (400 → 3 INVALID_ARGUMENT), google-gax 6 (gkemulticloud 3.1.0) from the body's `status` (9). The same against Google.
     */
    failedPreconditionCode: number;
    make(port: number): OperationsPeer;
    checkCreate(client: OperationsPeer, name: string): Promise<{ name?: string; done?: boolean; metadata: unknown; result: unknown; error: unknown }>;
}

/** REST transport, plain http to the emulator on the loopback, the emulator's token. */
const clientOptions = (clientPackage: string, port: number) => ({
    fallback: true,
    apiEndpoint: "127.0.0.1",
    port,
    protocol: "http",
    auth: emulatorAuth(clientPackage),
});

const peers: Peer[] = [
    {
        label: `@google-cloud/deploy ${require("@google-cloud/deploy/package.json").version} CloudDeployClient`,
        service: "clouddeploy",
        metadataType: "google.cloud.deploy.v1.OperationMetadata",
        responseType: "google.cloud.deploy.v1.DeliveryPipeline",
        target: "projects/123456789012/locations/us-west1/deliveryPipelines/my-pipeline",
        failedPreconditionCode: 3,
        make: (port) => new CloudDeployClient(clientOptions("@google-cloud/deploy", port) as ConstructorParameters<typeof CloudDeployClient>[0]) as unknown as OperationsPeer,
        checkCreate: async (client, name) => {
            const lro = await (client as unknown as CloudDeployClient).checkCreateDeliveryPipelineProgress(name);
            return { name: lro.name, done: lro.done, metadata: lro.metadata, result: lro.result, error: lro.error };
        },
    },
    {
        label: `@google-cloud/gkemulticloud ${require("@google-cloud/gkemulticloud/package.json").version} AwsClustersClient`,
        service: "gkemulticloud",
        metadataType: "google.cloud.gkemulticloud.v1.OperationMetadata",
        responseType: "google.cloud.gkemulticloud.v1.AwsCluster",
        target: "projects/123456789012/locations/us-west1/awsClusters/my-cluster",
        failedPreconditionCode: 9,
        make: (port) => new AwsClustersClient(clientOptions("@google-cloud/gkemulticloud", port) as ConstructorParameters<typeof AwsClustersClient>[0]) as unknown as OperationsPeer,
        checkCreate: async (client, name) => {
            const lro = await (client as unknown as AwsClustersClient).checkCreateAwsClusterProgress(name);
            return { name: lro.name, done: lro.done, metadata: lro.metadata, result: lro.result, error: lro.error };
        },
    },
];

describe.each(peers)("$label over REST against the emulator", (peer) => {
    let emu: OperationsEmulator;
    let client: OperationsPeer;
    const own = { service: peer.service, target: peer.target };

    beforeAll(async () => {
        emu = new OperationsEmulator({
            defaultService: peer.service,
            seed: {
                operations: [
                    { name: op("op-running"), ...own, verb: "update" },
                    { name: op("op-done"), ...own, doneAfterMs: 0 },
                    { name: op("op-to-cancel"), ...own },
                    { name: op("op-done-cancel"), ...own, doneAfterMs: 0 },
                    { name: op("op-done-ok"), ...own, doneAfterMs: 0, afterDoneCancel: "ok" },
                    { name: op("op-failed"), ...own, doneAfterMs: 0, result: { error: { code: "FAILED_PRECONDITION", message: "busy" } } },
                ],
            },
        });
        const url = await emu.start();
        client = peer.make(Number(new URL(url).port));
    });

    afterAll(async () => {
        await client?.close();
        await emu?.stop();
    });

    test("getOperation: a running operation with its name, not done, the service's typed metadata; the client's wire form", async () => {
        const [got] = await bounded(client.getOperation({ name: op("op-running") }, CALL_OPTIONS), "getOperation");
        expect(got.name).toBe(op("op-running"));
        expect(got.done).toBeFalsy();
        expect(got.metadata?.type_url).toBe(`type.googleapis.com/${peer.metadataType}`);
        expect(got.error).toBeFalsy();
        const [req] = emu.requests.filter((e) => e.operation === op("op-running"));
        expect(req).toMatchObject({ method: "GET", status: 200, token: DEFAULT_TOKEN });
        // The operations mixin sends no system parameter (`$alt=json;enum-encoding=int` goes only with the
        // clients' own RPCs), an empty query string.
        expect(req.url).toBe(`/v1/${op("op-running")}?`);
    });

    test("checkCreate…Progress: the LRO decoded, typed metadata (target, verb) and the done operation's response", async () => {
        const running = await bounded(peer.checkCreate(client, op("op-running")), "checkCreate…Progress");
        expect(running.name).toBe(op("op-running"));
        expect(running.done).toBeFalsy();
        expect(running.metadata).toMatchObject({ target: peer.target, verb: "update" });
        const done = await bounded(peer.checkCreate(client, op("op-done")), "checkCreate…Progress");
        expect(done.done).toBe(true);
        expect(done.error).toBeFalsy();
        expect(done.result).toMatchObject({ name: peer.target });
        expect(done.metadata).toMatchObject({ target: peer.target, verb: "create" });
        expect((done.metadata as { endTime?: unknown }).endTime).toBeTruthy();
        const failed = await bounded(peer.checkCreate(client, op("op-failed")), "checkCreate…Progress");
        expect(failed.done).toBe(true);
        expect(failed.error).toMatchObject({ code: 9, message: "busy" });
    });

    test("listOperationsAsync: the location's operations of this service, all pages", async () => {
        const names: string[] = [];
        const iterate = async () => {
            for await (const o of client.listOperationsAsync({ name: PARENT, pageSize: 2 }, CALL_OPTIONS)) names.push(o.name ?? "");
        };
        await bounded(iterate(), "listOperationsAsync");
        expect(names.sort()).toEqual([op("op-done"), op("op-done-cancel"), op("op-done-ok"), op("op-failed"), op("op-running"), op("op-to-cancel")]);
        expect(emu.requests.filter((e) => e.rpc === "list").length).toBe(3);
    });

    test("cancelOperation of a running operation: {} , then getOperation done with error code 1 (CANCELLED)", async () => {
        await bounded(client.cancelOperation({ name: op("op-to-cancel") }, CALL_OPTIONS), "cancelOperation");
        const [got] = await bounded(client.getOperation({ name: op("op-to-cancel") }, CALL_OPTIONS), "getOperation");
        expect(got.done).toBe(true);
        expect(got.error).toMatchObject({ code: 1, message: "Operation was cancelled." });
        const lro = await bounded(peer.checkCreate(client, op("op-to-cancel")), "checkCreate…Progress");
        expect(lro.error).toMatchObject({ code: 1 });
    });

    test("cancelOperation of a finished operation: the service's default answer, 400 FAILED_PRECONDITION, as the client decodes it", async () => {
        const err = await rejection(client.cancelOperation({ name: op("op-done-cancel") }, CALL_OPTIONS), "cancelOperation");
        expect(err).toMatchObject({ code: peer.failedPreconditionCode });
        expect(String(err.message)).toContain("Operation has already finished.");
    });

    test("cancelOperation of a finished operation where the seed says OK: resolves, the result unchanged", async () => {
        await bounded(client.cancelOperation({ name: op("op-done-ok") }, CALL_OPTIONS), "cancelOperation");
        const [got] = await bounded(client.getOperation({ name: op("op-done-ok") }, CALL_OPTIONS), "getOperation");
        expect(got.done).toBe(true);
        expect(got.error).toBeFalsy();
    });

    test("getOperation of an unknown operation: NOT_FOUND (code 5) with the service's ErrorInfo", async () => {
        const err = await rejection(client.getOperation({ name: op("op-missing") }, CALL_OPTIONS), "getOperation");
        expect(err).toMatchObject({ code: 5, reason: "OPERATION_NOT_FOUND", domain: `${peer.service}.googleapis.com` });
        expect(String(err.message)).toContain(`Operation not found: ${op("op-missing")}`);
    });

    test("cancelOperation of an unknown operation: NOT_FOUND (code 5)", async () => {
        const err = await rejection(client.cancelOperation({ name: op("op-missing") }, CALL_OPTIONS), "cancelOperation");
        expect(err).toMatchObject({ code: 5, domain: `${peer.service}.googleapis.com` });
    });
});
