import type {
	IDataObject,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { omicallRequest } from '../transport/direct';

/** Pieces every OMICall list search and dropdown uses: one page of a list endpoint, record text. */

/** How many records a list search reads per scroll. */
export const PAGE_SIZE = 50;

/** Text of a record field (number or string), trimmed; '' when absent. */
export function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The records of a payload: a plain array or a page's `items`. */
export function recordsOf(payload: unknown): unknown[] {
	if (Array.isArray(payload)) return payload;
	const items = (payload as IDataObject | undefined)?.items;
	return Array.isArray(items) ? items : [];
}

/**
 * One page of an OMICall list endpoint (GET, or POST for the lists that take their filters in the
 * body), with the next page number when OMICall says there is one (`has_next`, either spelling).
 * `omicallRequest` throws OMICall's error.
 */
export async function listPage(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
	post?: { body: IDataObject },
): Promise<{ records: IDataObject[]; next?: string }> {
	const method: IHttpRequestMethods = post ? 'POST' : 'GET';
	const payload = (await omicallRequest(ctx, method, url, { qs, body: post?.body })) as
		| IDataObject
		| IDataObject[]
		| undefined;
	if (Array.isArray(payload)) return { records: payload };
	const records = Array.isArray(payload?.items) ? (payload.items as IDataObject[]) : [];
	const hasNext = String(payload?.has_next ?? payload?.hasNext) === 'true';
	const page = Number(payload?.page_number ?? payload?.pageNumber ?? qs.page);
	return { records, next: hasNext && records.length ? String(page + 1) : undefined };
}

export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/**
 * A list search over one list endpoint, one page per scroll (the next page number as pagination
 * token). The typed text goes to OMICall as `keyword`:
 * - `'query'`: in the query, and the results are also matched locally by name and value;
 * - `{ body }`: in the body of a POST list (contacts, tickets), whose matches are kept as they are
 *   (OMICall matches fields the entry does not show, e.g. a contact's email);
 * - `'local'`: not at all (the endpoint takes no keyword); the results are matched locally.
 */
export function listSearch(
	url: string,
	toResult: (record: IDataObject) => INodeListSearchItems | undefined,
	keywordIn: 'query' | 'local' | { body: (keyword: string) => IDataObject },
): ListSearch {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const keyword = (filter ?? '').trim();
		const page = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
		const qs: IDataObject = { page, size: PAGE_SIZE };
		if (keyword && keywordIn === 'query') qs.keyword = keyword;
		const post = typeof keywordIn === 'object' ? { body: keywordIn.body(keyword) } : undefined;
		const { records, next } = await listPage(this, url, qs, post);
		const needle = post ? '' : keyword.toLowerCase();
		const results = records
			.map(toResult)
			.filter((result): result is INodeListSearchItems => !!result && !!result.value)
			.filter(
				(result) => !needle || `${result.name} ${result.value}`.toLowerCase().includes(needle),
			);
		return { results, paginationToken: next };
	};
}
