import type { ResolvedEndpoint } from "../endpoint";
import type { OperationRef, ParentRef } from "../names";
import type { OperationShape } from "../registry";
import type { ListOperationsResponse, Operation } from "../types";
import type { AnswerContext } from "../validate";

/** What one list page request asks for. */
export interface ListQuery {
    pageToken?: string;
    pageSize?: number;
    filter?: string;
}

/**
 * One service operation shape on the wire, read into the `google.longrunning.Operation` view the rest of
 * the library works with: `done`, `error` (a `google.rpc.Status`), and `metadata` carrying the shape's own
 * fields plus `target`, `verb`, `createTime` and `requestedCancellation` where the shape has them.
 */
export interface ShapeAdapter {
    readonly shape: OperationShape;
    /** The answer to GET of `asked`, checked, as a view named exactly `asked.name`. */
    readOperation(json: unknown, asked: OperationRef, ctx: AnswerContext): Operation;
    /** One list page, checked, its operations as views named in the parent's form. */
    readListPage(json: unknown, parent: ParentRef, ctx: AnswerContext): ListOperationsResponse;
    /** The URL of one list page (`base` is the parent's list URL without a query). */
    listUrl(endpoint: ResolvedEndpoint, parent: ParentRef, base: string, query: ListQuery): string;
    /** The parent's list URL without a query. */
    listBase(endpoint: ResolvedEndpoint, parent: ParentRef, field: string): string;
    /** Whether a listed operation (its name parsed, its view read) belongs to the parent that was listed. */
    belongsTo(child: OperationRef, view: Operation, parent: ParentRef): boolean;
}
