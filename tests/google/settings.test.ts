import { resolveSettings } from "../../provider/dynamic/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

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
