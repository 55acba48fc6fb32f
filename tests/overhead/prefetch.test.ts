/**
 * Page prefetch (issue 10, finding 4): the sweep asks for the next page as soon as a page arrives, not
 * after starting that page's last item; at most two pages are requested ahead of the items.
 */
import { sweepOperations } from "../../provider/sweep/index";
import { PARENT, clientFor, many, useEmulator } from "../sweep/support/helpers";

describe("sweep page prefetch", () => {
    const { emu, url } = useEmulator({ maxPageSize: 2 });

    test("the second page is requested before the first item's cancel is sent", async () => {
        emu().addMany(...many(6, "pre"));
        const { client } = clientFor(url());
        const result = await sweepOperations(client, { parent: PARENT, maxConcurrency: 1, pageSize: 2 });
        expect(result.counts).toMatchObject({ listed: 6, matched: 6, cancelled: 6 });
        const log = emu().requests.map((r) => r.rpc);
        const lists = log.flatMap((rpc, i) => (rpc === "list" ? [i] : []));
        const cancels = log.flatMap((rpc, i) => (rpc === "cancel" ? [i] : []));
        expect(lists).toHaveLength(3);
        // Without prefetch, page 2 is asked for only once page 1's last item has started (after item 1's cancel).
        expect(lists[1]).toBeLessThan(cancels[0]);
        // Never more than one page ahead: page 3 only once page 2 has arrived, i.e. after page 1's items have started.
        expect(lists[2]).toBeGreaterThan(cancels[0]);
    });

    test("a prefetched page that fails still ends the sweep with the list error and the partial result", async () => {
        emu().addMany(...many(4, "fail"));
        emu().injectFault({ match: { rpc: "list" }, sequence: [{ kind: "none" }, { kind: "status", code: "PERMISSION_DENIED" }] });
        const { client } = clientFor(url());
        const error = await sweepOperations(client, { parent: PARENT, maxConcurrency: 1, pageSize: 2 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "ERR_SWEEP_LIST" });
        expect((error as { partial: { counts: { cancelled: number } } }).partial.counts.cancelled).toBe(2);
    });
});
