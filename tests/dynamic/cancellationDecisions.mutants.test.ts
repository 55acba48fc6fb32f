/**
 * The cancellation provider's decisions that need no request (survivors of mutation run 8, docs/mutation.md):
 * the whole diff result when only a credential-side input changes or the record is unfinished (whether an
 * update must still cancel, resume waiting, or nothing), `ifUnsupported` checked, and the bare id refused
 * with the exact list of what is missing, on `operation`, even next to other failures.
 */
import { InvalidNameError } from "../../provider/google";
import { createCancellationProvider } from "../../provider/dynamic/cancellationProvider";
import { rejectionOf } from "../support/outcome";
import { NO_CONFIG, useClearedGoogleScope } from "../support/stackConfig";
import { checkFailures } from "./support";

const NAME = "projects/my-proj/locations/us-central1/operations/op-1";
const provider = createCancellationProvider({ config: NO_CONFIG });
useClearedGoogleScope();

const failuresOf = (news: Record<string, unknown>) => checkFailures(provider, news);

const bareIdMessage = (missing: string) =>
    `operation "op-1" is a bare operation id; set ${missing}, or give the full name projects/{project}/locations/{location}/operations/{id}`;
const PROJECT = "project (or gcp:project / GOOGLE_PROJECT)";
const LOCATION = "location (or gcp:region / GOOGLE_REGION)";

describe("check", () => {
    test("ifUnsupported must be one of its values", async () => {
        expect(await failuresOf({ operation: NAME, ifUnsupported: "maybe" })).toEqual({ ifUnsupported: 'ifUnsupported must be one of "fail", "ignore"; got "maybe"' });
    });

    test.each<[Record<string, unknown>, string]>([
        [{ location: "us-central1" }, PROJECT],
        [{ project: "my-proj" }, LOCATION],
        [{}, `${PROJECT} and ${LOCATION}`],
    ])("a bare id with %j names exactly what is missing", async (extra, missing) => {
        expect(await failuresOf({ operation: "op-1", ...extra })).toEqual({ operation: bareIdMessage(missing) });
    });

    test("a bare id without project is refused on operation next to another input's failure", async () => {
        expect(await failuresOf({ operation: "op-1", location: "us-central1", cancelOn: "never" })).toEqual({
            operation: bareIdMessage(PROJECT),
            cancelOn: 'cancelOn must be one of "create", "delete", "both"; got "never"',
        });
    });

    test("a create with a bare id and no project fails with an InvalidNameError on operation", async () => {
        const err = await rejectionOf(provider.create!({ operation: "op-1", location: "us-central1", service: "clouddeploy" }));
        expect(err).toBeInstanceOf(InvalidNameError);
        expect({ field: (err as InvalidNameError).field, message: (err as InvalidNameError).message }).toEqual({ field: "operation", message: bareIdMessage(PROJECT) });
    });
});

describe("diff", () => {
    const olds = {
        operation: NAME, operationInput: NAME, service: "clouddeploy", endpoint: "https://clouddeploy.googleapis.com", apiVersion: "v1",
        cancelOn: "create", wait: true, timeout: "20m", ifNotFound: "fail", ifUnsupported: "fail", quotaProject: "my-proj",
        outcome: "CANCELLED", found: true, cancelRequested: true,
    };
    const news = { operation: NAME, service: "clouddeploy", quotaProject: "my-proj" };

    test("another quotaProject is an update in place", async () => {
        expect(await provider.diff!("id", olds, { ...news, quotaProject: "other-proj" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
        expect(await provider.diff!("id", olds, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    test.each<[string, Record<string, unknown>, Record<string, unknown>, boolean]>([
        ["a running record whose cancel was never sent must still cancel", { cancelRequested: false }, {}, true],
        ["so must one with cancelOn both", { cancelRequested: false, cancelOn: "both" }, { cancelOn: "both" }, true],
        ["but not one with cancelOn delete", { cancelRequested: false, cancelOn: "delete" }, { cancelOn: "delete" }, false],
        ["nor one whose operation was gone", { cancelRequested: false, found: false }, {}, false],
        ["a running record whose cancel was sent resumes waiting", {}, {}, true],
        ["unless it no longer waits", { wait: false }, { wait: false }, false],
        ["nor once its operation was gone", { found: false }, {}, false],
    ])("%s", async (_title, recorded, inputs, changes) => {
        const result = await provider.diff!("id", { ...olds, outcome: "RUNNING", ...recorded }, { ...news, ...inputs });
        expect(result).toEqual({ changes, replaces: [], deleteBeforeReplace: false });
    });

    test("a finished record with the cancel never sent changes nothing", async () => {
        expect(await provider.diff!("id", { ...olds, outcome: "SUCCEEDED", cancelRequested: false }, news)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });
});
