/**
 * A listing's pages, as the caller receives them, have only the fields the answer had: no
 * `nextPageToken` on the last page, no `unreachable` when the service named none, and no field at all on
 * an empty listing (mutants that set them to `undefined` survived the mutation run, docs/mutation.md).
 */
import { useEmulator, pagesOf } from "./support";

const PARENT = "projects/my-proj/locations/us-central1";


describe("the fields of a listing's pages", () => {
    const { emu, client } = useEmulator();

    test("a page with more to come has its token; the last has none", async () => {
        emu().add({ name: `${PARENT}/operations/op-1` });
        emu().add({ name: `${PARENT}/operations/op-2` });
        const pages = await pagesOf(client().listOperationPages(PARENT, { pageSize: 1 }));
        expect(pages.map((page) => Object.keys(page))).toEqual([["operations", "nextPageToken"], ["operations"]]);
        expect(pages.map((page) => page.operations?.map((o) => o.name))).toEqual([[`${PARENT}/operations/op-1`], [`${PARENT}/operations/op-2`]]);
    });

    test("an empty listing is one page with no fields", async () => {
        expect(await pagesOf(client().listOperationPages(PARENT))).toStrictEqual([{}]);
    });
});
