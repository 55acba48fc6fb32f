import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { InvalidNameError, OperationsClient, listServices, parseOperationName, resolveEndpoint } from "../../provider/google";
import { DISCOVERED } from "../../provider/google/registry/discovered";
import { buildRegistry } from "../../provider/google/registry/merge";
import { HAND_KEPT, OVERRIDES } from "../../provider/google/registry/overrides";
import { discoverService, preferredVersion, type DiscoveryDocument } from "../../scripts/registry/discovery";

const ROOT = join(__dirname, "..", "..", "..");

function hasGo(): boolean {
    return spawnSync("go", ["version"], { stdio: "ignore" }).status === 0;
}

describe("the service registry", () => {
    const goAvailable = hasGo();
    // In CI the check cannot be skipped: a registry out of step with its sources must fail the build.
    // A mutation run (jest.stryker.config.js) skips it: it checks committed files, not code a mutant changes,
    // and the generator it runs loads the instrumented registry modules in a child process.
    const mutationRun = process.env.PULUMI_GCP_OPERATIONS_MUTATION_RUN === "1";
    ((goAvailable || process.env.CI === "true") && !mutationRun ? test : test.skip)(
        "the committed registry, docs/services.md and the README table are exactly what `npm run registry:generate` makes from the discovery documents",
        () => {
            const run = spawnSync(process.execPath, [join(ROOT, "dist", "scripts", "registry", "generate.js"), "--check"], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
            expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
        },
        310_000,
    );

    test("keeps every service of the first hand-written registry, with the same version, scope and cancel body", () => {
        const first: Array<[string, string, "global" | "regional", "empty-json" | "none"]> = [
            ["clouddeploy", "v1", "global", "empty-json"], ["gkemulticloud", "v1", "regional", "empty-json"], ["aiplatform", "v1", "regional", "none"],
            ["documentai", "v1", "regional", "none"], ["dialogflow", "v3", "regional", "none"], ["dataproc", "v1", "global", "none"],
            ["redis", "v1", "global", "none"], ["memorystore", "v1", "global", "none"], ["tpu", "v2", "global", "none"],
            ["datacatalog", "v1", "global", "none"], ["lustre", "v1", "global", "none"], ["alloydb", "v1", "global", "empty-json"],
            ["file", "v1", "global", "empty-json"], ["gkehub", "v1", "global", "empty-json"], ["gkebackup", "v1", "global", "empty-json"],
            ["workstations", "v1", "global", "empty-json"], ["batch", "v1", "global", "empty-json"], ["cloudbuild", "v2", "global", "empty-json"],
            ["metastore", "v1", "global", "empty-json"], ["datastream", "v1", "global", "empty-json"], ["eventarc", "v1", "global", "empty-json"],
            ["certificatemanager", "v1", "global", "empty-json"], ["privateca", "v1", "global", "empty-json"], ["networkconnectivity", "v1", "global", "empty-json"],
            ["netapp", "v1", "global", "empty-json"], ["config", "v1", "global", "empty-json"], ["managedkafka", "v1", "global", "empty-json"],
            ["edgecontainer", "v1", "global", "empty-json"], ["speech", "v2", "global", "empty-json"], ["networkmanagement", "v1", "global", "empty-json"],
        ];
        const byKey = new Map(listServices().map((s) => [s.key, s]));
        for (const [key, apiVersion, scope, cancelBody] of first) {
            expect({ key, ...byKey.get(key) }).toMatchObject({ key, apiVersion, scope, cancelBody });
        }
        expect(byKey.get("networkmanagement")?.pinnedLocation).toBe("global");
    });

    test("covers the services of the operations that most often block a deploy, in their own name forms", () => {
        const byKey = new Map(listServices().map((s) => [s.key, s]));
        expect(byKey.get("container")).toMatchObject({ shape: "container", templates: ["projects/*/zones/*/operations/*", "projects/*/locations/*/operations/*"].sort((a, b) => a.localeCompare(b)) });
        expect(byKey.get("sqladmin")).toMatchObject({ shape: "sqladmin", cancelSuffix: "/cancel", templates: ["projects/*/operations/*"] });
        expect(byKey.get("spanner")?.templates).toEqual(expect.arrayContaining(["projects/*/instances/*/databases/*/operations/*", "projects/*/instances/*/backups/*/operations/*", "projects/*/instanceConfigs/*/operations/*"]));
        expect(byKey.get("firestore")?.templates).toEqual(["projects/*/databases/*/operations/*"]);
        expect(byKey.get("healthcare")?.templates).toEqual(["projects/*/locations/*/datasets/*/operations/*"]);
        expect(listServices().length).toBeGreaterThan(80);
    });

    test("every override applies to a generated service and changes something; every hand-kept entry says why", () => {
        const discovered = new Map(DISCOVERED.map((d) => [d.key, d]));
        for (const [key, override] of Object.entries(OVERRIDES)) {
            const d = discovered.get(key);
            expect(d).toBeDefined();
            const changes = [override.scope !== undefined, override.shape !== undefined, override.title !== undefined && override.title !== d?.title, override.apiVersion !== undefined];
            expect({ key, changes: changes.some(Boolean) }).toEqual({ key, changes: true });
            expect(override.why.length).toBeGreaterThan(20);
        }
        for (const h of HAND_KEPT) {
            expect(discovered.has(h.key)).toBe(false);
            expect(h.why.length).toBeGreaterThan(20);
        }
    });

    test("an override of a service the discovery documents no longer have, or a hand-kept entry they now have, fails the build", () => {
        expect(() => buildRegistry(DISCOVERED, { ...OVERRIDES, nosuchapi: { scope: "regional", why: "x" } }, HAND_KEPT)).toThrow(/registry override nosuchapi: no generated entry/);
        const spanner = DISCOVERED.find((d) => d.key === "spanner")!;
        expect(() => buildRegistry(DISCOVERED, OVERRIDES, [...HAND_KEPT, { key: "spanner", title: "x", apiVersion: "v1", scope: "global", cancelBody: "none", templates: spanner.templates, why: "x" }])).toThrow(
            /hand-kept service spanner is now in the generated registry/,
        );
        expect(() => buildRegistry(DISCOVERED, { ...OVERRIDES, spanner: { apiVersion: "v2", why: "x" } }, HAND_KEPT)).toThrow(/pins v2, but the generated entry is v1/);
    });

    test("a name is checked against its service's own forms before any request, and a name that says no service finds the one whose form it has", () => {
        const spannerOp = parseOperationName("projects/my-proj/instances/inst/databases/db/operations/op-1");
        expect(resolveEndpoint(spannerOp, {})).toMatchObject({ baseUrl: "https://spanner.googleapis.com", apiVersion: "v1", serviceKey: "spanner", cancelBody: "none", cancelSuffix: ":cancel" });
        expect(() => resolveEndpoint(spannerOp, { service: "clouddeploy" })).toThrow(InvalidNameError);
        expect(() => resolveEndpoint(spannerOp, { service: "clouddeploy" })).toThrow(
            /operation projects\/my-proj\/instances\/inst\/databases\/db\/operations\/op-1 has the form projects\/\*\/instances\/\*\/databases\/\*\/operations\/\*, which Cloud Deploy \(clouddeploy\) has no operations under; its forms: projects\/\*\/locations\/\*\/operations\/\*/,
        );
        // Several services share the locations form: the service must be said.
        expect(() => resolveEndpoint(parseOperationName("projects/my-proj/locations/us-central1/operations/op-1"), {})).toThrow(/service is required/);
        expect(() => resolveEndpoint(parseOperationName("projects/my-proj/widgets/w/operations/op-1"), {})).toThrow(/which no registered service has operations under/);
        expect(resolveEndpoint(parseOperationName("projects/my-proj/operations/op-1"), { service: "sqladmin" })).toMatchObject({ cancelSuffix: "/cancel", shape: "sqladmin" });
    });
});

describe("reading a discovery document", () => {
    const doc = (resources: DiscoveryDocument["resources"], version = "v1"): DiscoveryDocument => ({ name: "widgets", version, title: "Widgets API", rootUrl: "https://widgets.googleapis.com/", resources });
    const cancel = (flatPath: string, request?: boolean) => ({ methods: { cancel: { httpMethod: "POST", flatPath, ...(request ? { request: { $ref: "CancelOperationRequest" } } : {}) }, list: { httpMethod: "GET", flatPath: "x" } } });

    test("takes the cancel methods under projects/, their body, suffix and literal locations; skips the others", () => {
        const found = discoverService(
            doc({
                projects: {
                    resources: {
                        locations: { resources: { operations: cancel("v1/projects/{projectsId}/locations/global/operations/{operationsId}:cancel", true) } },
                        instances: { resources: { operations: cancel("v1/projects/{projectsId}/instances/{instancesId}/operations/{operationsId}:cancel", true) } },
                    },
                },
                operations: cancel("v1/operations/{operationsId}:cancel", true),
            }),
        );
        expect(found).toEqual({
            key: "widgets",
            apiVersion: "v1",
            title: "Widgets",
            host: "widgets.googleapis.com",
            cancelBody: "empty-json",
            cancelSuffix: ":cancel",
            templates: ["projects/*/instances/*/operations/*", "projects/*/locations/global/operations/*"],
            listable: ["projects/*/instances/*/operations/*", "projects/*/locations/global/operations/*"],
        });
        expect(buildRegistry([found!], {}, [])[0].pinnedLocation).toBeUndefined();
        expect(buildRegistry([{ ...found!, templates: ["projects/*/locations/global/operations/*"] }], {}, [])[0].pinnedLocation).toBe("global");
    });

    test("no body mapped means no body sent; a /cancel suffix is kept; methods that disagree are refused", () => {
        expect(discoverService(doc({ projects: { resources: { operations: cancel("v1/projects/{project}/operations/{operation}/cancel") } } }))).toMatchObject({ cancelBody: "none", cancelSuffix: "/cancel", templates: ["projects/*/operations/*"] });
        expect(discoverService(doc({ operations: cancel("v1/operations/{operationsId}:cancel") }))).toBeUndefined();
        expect(() =>
            discoverService(
                doc({
                    projects: {
                        resources: {
                            operations: cancel("v1/projects/{p}/operations/{o}:cancel", true),
                            instances: { resources: { operations: cancel("v1/projects/{p}/instances/{i}/operations/{o}:cancel") } },
                        },
                    },
                }),
            ),
        ).toThrow(/disagree on the body/);
    });

    test("the highest stable version is preferred unless one is pinned", () => {
        const v = (apiVersion: string) => ({ ...discoverService(doc({ projects: { resources: { operations: cancel("v1/projects/{p}/operations/{o}:cancel") } } }))!, apiVersion });
        expect(preferredVersion([v("v1"), v("v2"), v("v3beta1")])?.apiVersion).toBe("v2");
        expect(preferredVersion([v("v1"), v("v2")], "v1")?.apiVersion).toBe("v1");
        expect(preferredVersion([v("v1beta1")])).toBeUndefined();
    });
});

test("the generator says what to do without Go", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "dist", "scripts", "registry", "generate.js"), "--check"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PATH: "/nonexistent" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/cannot download google\.golang\.org\/api@v\d+\.\d+\.\d+ with the Go toolchain .*; install Go, or pass --from DIR/);
});

test("the endpoint cache never lets a name skip its form's checks: the form is part of what decides the endpoint", () => {
    const deploy = new OperationsClient({ service: "clouddeploy", credentials: { accessToken: "t" } });
    expect(deploy.resolveOperation("projects/my-proj/locations/global/operations/op-1").url).toBe("https://clouddeploy.googleapis.com/v1/projects/my-proj/locations/global/operations/op-1");
    expect(() => deploy.resolveOperation("projects/my-proj/instances/inst/operations/op-1")).toThrow(/which Cloud Deploy \(clouddeploy\) has no operations under/);
    const any = new OperationsClient({ credentials: { accessToken: "t" } });
    expect(any.resolveOperation("projects/my-proj/instances/inst/databases/db/operations/op-1").url).toMatch(/^https:\/\/spanner\.googleapis\.com\//);
    expect(any.resolveOperation("projects/my-proj/databases/(default)/operations/op-1").url).toMatch(/^https:\/\/firestore\.googleapis\.com\//);
    const sql = new OperationsClient({ service: "sqladmin", credentials: { accessToken: "t" } });
    expect(sql.resolveParent("projects/my-proj/instances/db-1").url).toBe("https://sqladmin.googleapis.com/v1/projects/my-proj/operations");
    expect(() => sql.resolveOperation("projects/my-proj/instances/db-1/operations/op-1")).toThrow(/which Cloud SQL Admin \(sqladmin\) has no operations under/);
});
