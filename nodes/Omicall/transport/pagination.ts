import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IDisplayOptions,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { sha256Hex } from '../../shared/crypto';
import { returnAllAndLimit } from '../../shared/response';
import { pageOf } from './output';
import { sendOmicall } from './request';

/**
 * The most pages a list reads (Return All, or a large Limit): 2,000 pages, e.g. 100,000 calls at
 * 50 per page. A server that keeps saying "there is a next page" stops there with an error, instead
 * of the run sending requests and growing its memory without end. (An object so that tests can
 * lower it.)
 */
export const PAGE_LIMITS = { maxPages: 2000 };

export function pageError(
	ctx: IExecutePaginationFunctions,
	message: string,
	description: string,
): never {
	throw new NodeApiError(
		ctx.getNode(),
		{},
		{
			message,
			description,
			itemIndex: ctx.getItemIndex(),
		},
	);
}

interface Reader {
	returnAll: boolean;
	limit: number;
	size: number;
	qs: IDataObject;
}

export function readerOf(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Reader {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Number.POSITIVE_INFINITY : Number(ctx.getNodeParameter('limit', 50));
	const qs = (requestData.options.qs ?? {}) as IDataObject;
	return { returnAll, limit, size: Number(qs.size) || 1, qs };
}

/** A fingerprint of a page's records, to notice a server that answers the same page again. */
function fingerprint(items: INodeExecutionData[]): string {
	return sha256Hex(JSON.stringify(items.map((item) => item.json)));
}

/** The page cap, checked before a page is asked for. */
function checkCap(ctx: IExecutePaginationFunctions, pageNumber: number): void {
	const maxPages = PAGE_LIMITS.maxPages;
	if (pageNumber > maxPages) {
		pageError(
			ctx,
			`OMICall still reports more records after ${maxPages} pages`,
			`The node reads at most ${maxPages} pages per list. Narrow the filters or the period (e.g. one day per run), or turn off Return All and set a Limit.`,
		);
	}
}

/**
 * Guard shared by both page shapes: a page that repeats the one before (the
 * server ignores `page`, or answers the last page again for pages past the end).
 */
function checkProgress(
	ctx: IExecutePaginationFunctions,
	pageNumber: number,
	items: INodeExecutionData[],
	previous: string | undefined,
): string {
	const current = fingerprint(items);
	if (items.length && current === previous) {
		pageError(
			ctx,
			`OMICall answered page ${pageNumber} with the same records as page ${pageNumber - 1}`,
			`The node stopped reading instead of asking for pages without end; the ${pageNumber - 1} pages before are not output either, because the list is not complete. Narrow the filters or the period and try again; if it keeps happening, OMICall's paging is broken for this list.`,
		);
	}
	return current;
}

/** The records, each paired to the input item they were read for (unless already paired). */
export function pairedTo(
	ctx: IExecutePaginationFunctions,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	const itemIndex = ctx.getItemIndex();
	for (const item of items) item.pairedItem ??= { item: itemIndex };
	return items;
}

/** How many pages an item has read so far, over all the windows of a call-history period. */
export interface PageCount {
	pages: number;
}

/**
 * Reads the pages of one paginated OMICall list, in snake_case (`has_next`, `page_number`) or
 * camelCase (`hasNext`, `pageNumber`): both spellings are read. Each record goes to `take`; reading
 * stops when OMICall says there is no next page, when a page is empty, or when `done()` says so
 * (the Limit is reached). Fails on a repeated page, on a page number that does not move forward,
 * and when the item would need more than PAGE_LIMITS.maxPages pages in all (`count` is shared by
 * the windows of one item). `send` sends one request (the call history adds a rate-limit back-off).
 */
export async function readPages(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	{
		overrides = {},
		count,
		take,
		done,
		send = sendOmicall,
	}: {
		overrides?: Partial<IHttpRequestOptions>;
		count: PageCount;
		take: (item: INodeExecutionData) => void;
		done: () => boolean;
		send?: typeof sendOmicall;
	},
): Promise<void> {
	const qs = { ...((requestData.options.qs ?? {}) as IDataObject), ...(overrides.qs ?? {}) };
	let previous: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		count.pages++;
		checkCap(ctx, count.pages);
		const items = await send(ctx, requestData, { ...overrides, qs: { ...qs, page: pageNumber } });
		const page = pageOf(items);
		const reported = Number(page.page_number ?? page.pageNumber ?? pageNumber);
		if (Number.isFinite(reported) && reported !== pageNumber) {
			pageError(
				ctx,
				`OMICall answered page ${reported} when asked for page ${pageNumber}`,
				'The node stopped reading instead of asking for pages without end; nothing of this list is output, because it is not complete. Narrow the filters or the period and try again.',
			);
		}
		previous = checkProgress(ctx, pageNumber, items, previous);
		for (const item of items) take(item);
		const hasNext = String(page.has_next ?? page.hasNext) === 'true';
		if (!hasNext || !items.length || done()) return;
	}
}

/**
 * Pages through OMICall's paginated payloads (see `readPages`) up to the Limit, or to the last page
 * with Return All.
 */
export async function paginatePaged(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { limit } = readerOf(this, requestData);
	const results: INodeExecutionData[] = [];
	await readPages(this, requestData, {
		count: { pages: 0 },
		take: (item) => results.push(item),
		done: () => results.length >= limit,
	});
	return pairedTo(this, results);
}

/**
 * Pages through a list whose payload is a plain array without totals (`social/message/list`):
 * stops when a page comes back shorter than the page size, or at the Limit; fails on a repeated
 * page and when more than PAGE_LIMITS.maxPages pages would be needed.
 */
export async function paginatePlainArray(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const { limit, size, qs } = readerOf(this, requestData);
	const results: INodeExecutionData[] = [];
	let previous: string | undefined;
	for (let pageNumber = 1; ; pageNumber++) {
		checkCap(this, pageNumber);
		const items = await sendOmicall(this, requestData, { qs: { ...qs, page: pageNumber } });
		previous = checkProgress(this, pageNumber, items, previous);
		results.push(...items);
		if (items.length < size || results.length >= limit) return pairedTo(this, results);
	}
}

export interface ListOptions {
	show: IDisplayOptions['show'];
	/** Largest page the endpoint takes (OMICall documents 50 for search). */
	maxPageSize: number;
	/** 'paged': a payload with items and has_next/hasNext; 'plainArray': an array without totals; 'single': one request, no pages. */
	style: 'paged' | 'plainArray' | 'single';
	/** A pagination function of the operation's own (e.g. the call history's windows), instead of the style's. */
	pagination?: typeof paginatePaged;
}

/** Return All + Limit, wired to the endpoint's `page`/`size` query and its pagination shape. */
export function listControls({
	show,
	maxPageSize,
	style,
	pagination: own,
}: ListOptions): INodeProperties[] {
	const paginates = style !== 'single';
	const pagination = own ?? (style === 'plainArray' ? paginatePlainArray : paginatePaged);
	const [returnAll, limit] = returnAllAndLimit(show);
	return [
		{
			...returnAll,
			routing: paginates
				? {
						send: {
							paginate: true,
							type: 'query',
							property: 'size',
							value: `={{ $value ? ${maxPageSize} : Math.min($parameter.limit, ${maxPageSize}) }}`,
						},
						operations: { pagination },
					}
				: undefined,
		},
		{ ...limit, routing: { output: { maxResults: '={{$value}}' } } },
	];
}
