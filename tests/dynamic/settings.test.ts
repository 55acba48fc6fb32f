import { UNKNOWN } from "../../provider/dynamic/inputs";
import { clientOptionsFromProps, resolveSettings, settingsFromProps } from "../../provider/dynamic/settings";
import { configOf as config } from "../support/stackConfig";


describe("resolveSettings: inputs, then stack config, then environment, then ADC", () => {
    test("an input token wins over config and environment", () => {
        const s = resolveSettings({ accessToken: "input" }, config({ "gcp:accessToken": "config" }), { GOOGLE_OAUTH_ACCESS_TOKEN: "env" });
        expect(s.credentials).toEqual({ accessToken: "input" });
        expect(s.credentialsFrom).toBe("the accessToken input");
    });

    test("stack config wins over the environment", () => {
        const s = resolveSettings({}, config({ "gcp:accessToken": "config", "gcp:project": "cfg-proj", "gcp:region": "europe-west1" }), { GOOGLE_OAUTH_ACCESS_TOKEN: "env", GOOGLE_PROJECT: "env-proj" });
        expect(s.credentials.accessToken).toBe("config");
        expect(s.project).toBe("cfg-proj");
        expect(s.location).toBe("europe-west1");
    });

    test("the environment @pulumi/gcp users already set is honoured", () => {
        const s = resolveSettings({}, config({}), {
            GOOGLE_CREDENTIALS: '{"type":"service_account"}',
            GOOGLE_IMPERSONATE_SERVICE_ACCOUNT: "sa@p.iam.gserviceaccount.com",
            GOOGLE_CLOUD_PROJECT: "env-proj",
            GOOGLE_REGION: "us-west1",
            GOOGLE_BILLING_PROJECT: "billing",
            USER_PROJECT_OVERRIDE: "true",
        });
        expect(s.credentials).toEqual({ credentials: '{"type":"service_account"}', impersonateServiceAccount: "sa@p.iam.gserviceaccount.com" });
        expect(s.credentialsFrom).toMatch(/GOOGLE_CREDENTIALS, impersonating sa@p/);
        expect(s).toMatchObject({ project: "env-proj", location: "us-west1", quotaProject: "billing" });
    });

    test("the billing project is a quota project only with userProjectOverride, as in @pulumi/gcp", () => {
        expect(resolveSettings({}, config({ "gcp:billingProject": "b" }), {}).quotaProject).toBeUndefined();
        expect(resolveSettings({}, config({ "gcp:billingProject": "b", "gcp:userProjectOverride": "true" }), {}).quotaProject).toBe("b");
    });

    test("nothing set means Application Default Credentials", () => {
        const s = resolveSettings({}, config({}), {});
        expect(s.credentials).toEqual({});
        expect(s.credentialsFrom).toBe("Application Default Credentials");
    });
});

describe("resolveSettings: each source in its place", () => {
    test("a blank value is not set: the next source is used", () => {
        const s = resolveSettings({ accessToken: "  ", project: "", location: " " }, config({ "gcp:accessToken": "\t", "gcp:project": "cfg" }), { GOOGLE_OAUTH_ACCESS_TOKEN: "env-token", GOOGLE_REGION: "us-east1" });
        expect(s.credentials).toEqual({ accessToken: "env-token" });
        expect(s.credentialsFrom).toBe("GOOGLE_OAUTH_ACCESS_TOKEN");
        expect(s).toMatchObject({ project: "cfg", location: "us-east1" });
    });

    test("a token makes a credentials document unused; gcp:credentials wins over GOOGLE_CREDENTIALS", () => {
        expect(resolveSettings({}, config({ "gcp:accessToken": "t", "gcp:credentials": "{}" }), {}).credentials).toEqual({ accessToken: "t" });
        const s = resolveSettings({}, config({ "gcp:credentials": "from-config" }), { GOOGLE_CREDENTIALS: "from-env" });
        expect(s.credentials).toEqual({ credentials: "from-config" });
        expect(s.credentialsFrom).toBe("gcp:credentials");
        expect(resolveSettings({}, config({}), { GOOGLE_CREDENTIALS: "from-env" }).credentialsFrom).toBe("GOOGLE_CREDENTIALS");
    });

    test("impersonation: the input, then gcp:impersonateServiceAccount, then the environment; named with its source", () => {
        const env = { GOOGLE_IMPERSONATE_SERVICE_ACCOUNT: "env@p.iam.gserviceaccount.com" };
        const cfg = config({ "gcp:impersonateServiceAccount": "cfg@p.iam.gserviceaccount.com" });
        expect(resolveSettings({ impersonateServiceAccount: "in@p.iam.gserviceaccount.com" }, cfg, env).credentialsFrom).toBe(
            "Application Default Credentials, impersonating in@p.iam.gserviceaccount.com (from the impersonateServiceAccount input)",
        );
        expect(resolveSettings({}, cfg, env).credentials).toEqual({ impersonateServiceAccount: "cfg@p.iam.gserviceaccount.com" });
        expect(resolveSettings({}, cfg, env).credentialsFrom).toBe("Application Default Credentials, impersonating cfg@p.iam.gserviceaccount.com (from gcp:impersonateServiceAccount)");
        expect(resolveSettings({}, config({}), env).credentialsFrom).toBe(
            "Application Default Credentials, impersonating env@p.iam.gserviceaccount.com (from GOOGLE_IMPERSONATE_SERVICE_ACCOUNT)",
        );
    });

    test("userProjectOverride: 1, true and yes in any case and spacing; stack config decides over the environment", () => {
        for (const value of ["1", "true", "TRUE", " yes ", "Yes"]) {
            expect(resolveSettings({}, config({ "gcp:userProjectOverride": value, "gcp:billingProject": "b" }), {}).quotaProject).toBe("b");
        }
        for (const value of ["0", "false", "no", "", "truthy", "yes please"]) {
            expect(resolveSettings({}, config({ "gcp:userProjectOverride": value, "gcp:billingProject": "b" }), {}).quotaProject).toBeUndefined();
        }
        expect(resolveSettings({}, config({}), { USER_PROJECT_OVERRIDE: "1", GOOGLE_BILLING_PROJECT: "env-b" }).quotaProject).toBe("env-b");
        expect(resolveSettings({}, config({ "gcp:userProjectOverride": "false" }), { USER_PROJECT_OVERRIDE: "true", GOOGLE_BILLING_PROJECT: "env-b" }).quotaProject).toBeUndefined();
        expect(resolveSettings({}, config({ "gcp:userProjectOverride": "true", "gcp:billingProject": "cfg-b" }), { GOOGLE_BILLING_PROJECT: "env-b" }).quotaProject).toBe("cfg-b");
        expect(resolveSettings({ quotaProject: "input-q" }, config({ "gcp:userProjectOverride": "true", "gcp:billingProject": "cfg-b" }), {}).quotaProject).toBe("input-q");
        expect(resolveSettings({}, config({ "gcp:userProjectOverride": "true" }), {})).not.toHaveProperty("quotaProject");
    });

    test("project: GOOGLE_PROJECT, then GOOGLE_CLOUD_PROJECT, then CLOUDSDK_CORE_PROJECT; location: GOOGLE_REGION, then CLOUDSDK_COMPUTE_REGION", () => {
        const env = { GOOGLE_PROJECT: "a", GOOGLE_CLOUD_PROJECT: "b", CLOUDSDK_CORE_PROJECT: "c", GOOGLE_REGION: "r1", CLOUDSDK_COMPUTE_REGION: "r2" };
        expect(resolveSettings({}, config({}), env)).toMatchObject({ project: "a", location: "r1" });
        expect(resolveSettings({}, config({}), { ...env, GOOGLE_PROJECT: undefined, GOOGLE_REGION: undefined })).toMatchObject({ project: "b", location: "r2" });
        expect(resolveSettings({}, config({}), { CLOUDSDK_CORE_PROJECT: "c" })).toMatchObject({ project: "c" });
        expect(resolveSettings({ project: "in", location: "in-loc" }, config({ "gcp:project": "cfg", "gcp:region": "cfg-loc" }), env)).toMatchObject({ project: "in", location: "in-loc" });
        const none = resolveSettings({}, config({}), {});
        expect(none).not.toHaveProperty("project");
        expect(none).not.toHaveProperty("location");
        expect(none).not.toHaveProperty("quotaProject");
    });
});

describe("settings and client options from a resource's properties", () => {
    test("settingsFromProps takes only the settings keys, and only non-empty known strings", () => {
        const s = settingsFromProps(
            { accessToken: "t", impersonateServiceAccount: "", quotaProject: UNKNOWN, project: "p", location: 42, service: "clouddeploy" },
            config({ "gcp:region": "cfg-loc" }),
        );
        expect(s.credentials).toEqual({ accessToken: "t" });
        expect(s).toMatchObject({ project: "p", location: "cfg-loc" });
        expect(s).not.toHaveProperty("quotaProject");
    });

    test("clientOptionsFromProps: the service, endpoint, API version and universe domain that are set, the quota project, and the provider's user agent", () => {
        const settings = resolveSettings({ accessToken: "t", quotaProject: "q" }, config({}), {});
        expect(clientOptionsFromProps({ service: "clouddeploy", endpoint: "http://127.0.0.1:1", apiVersion: "v1", universeDomain: "example.com", project: "p", wait: true }, settings)).toEqual({
            credentials: { accessToken: "t" },
            userAgent: "pulumi-dynamic",
            service: "clouddeploy",
            endpoint: "http://127.0.0.1:1",
            apiVersion: "v1",
            universeDomain: "example.com",
            quotaProject: "q",
        });
        expect(clientOptionsFromProps({ service: "", endpoint: UNKNOWN }, resolveSettings({}, config({}), {}))).toEqual({ credentials: {}, userAgent: "pulumi-dynamic" });
    });
});
