import { resourceUrl } from "../endpoint";
import { checkListPage, checkOperation, checkSameOperation, isChildOf } from "../validate";
import type { ShapeAdapter } from "./types";

/** `google.longrunning.Operation`: the shape of Cloud Deploy, GKE Multi-Cloud, Spanner, Firestore and most APIs. */
export const longrunningShape: ShapeAdapter = {
    shape: "longrunning",
    readOperation: (json, asked, ctx) => checkSameOperation(checkOperation(json, ctx), asked, ctx),
    readListPage: (json, _parent, ctx) => checkListPage(json, ctx),
    listBase: (endpoint, parent, field) => resourceUrl(endpoint, parent, "/operations", field),
    listUrl: (_endpoint, _parent, base, query) => {
        const params = new URLSearchParams();
        if (query.filter) params.set("filter", query.filter);
        if (query.pageSize) params.set("pageSize", String(query.pageSize));
        if (query.pageToken) params.set("pageToken", query.pageToken);
        const qs = params.toString();
        return qs ? `${base}?${qs}` : base;
    },
    belongsTo: (child, _view, parent) => isChildOf(child, parent),
};
