import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/** Page size for the list endpoints (the documented examples use 100; no maximum is documented). */
export const PAGE_SIZE = 100;

/** `page` (1) and `size` of the first request: the page size, or the limit when it is smaller. */
export function firstPage(ctx: IExecuteSingleFunctions): { page: number; size: number } {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = Number(ctx.getNodeParameter('limit', 50)) || 50;
	return { page: 1, size: returnAll ? PAGE_SIZE : Math.max(1, Math.min(limit, PAGE_SIZE)) };
}

/**
 * Most pages one list operation reads: 1,000 pages of 100 rows, 100,000 rows. A list that goes on
 * longer is taken as a server that never ends it, and stops with an error.
 */
export const MAX_PAGES = 1000;

/**
 * Pages through a list endpoint with `page`/`size` in the body. No total is documented (a `total`
 * in the answer is not trusted), so it stops at a page shorter than `size` or at the limit. A page
 * that brings no row not seen before (a server that ignores `page`, or repeats itself) and more
 * than MAX_PAGES pages stop with an error instead of looping.
 */
export async function paginateBody(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll
		? Number.POSITIVE_INFINITY
		: Number(this.getNodeParameter('limit', 50)) || 50;
	const body = (requestData.options.body ?? {}) as IDataObject;
	const size = Number(body.size) || PAGE_SIZE;
	const results: INodeExecutionData[] = [];
	const seen = new Set<string>();
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`NXCLOUD kept sending pages: stopped after ${MAX_PAGES} pages (${results.length} rows)`,
				{
					itemIndex: this.getItemIndex(),
					description: `A list is read for at most ${MAX_PAGES} pages of ${size} rows. Narrow it down with the filters, or turn off Return All and set a Limit.`,
				},
			);
		}
		const rows = await this.makeRoutingRequest({
			...requestData,
			options: { ...requestData.options, body: { ...body, page } },
		});
		const signatures = rows.map((row) => JSON.stringify(row.json));
		if (rows.length && signatures.every((signature) => seen.has(signature))) {
			throw new NodeOperationError(
				this.getNode(),
				`NXCLOUD answered page ${page} with rows it had already sent`,
				{
					itemIndex: this.getItemIndex(),
					description: `Page ${page} brought nothing new after ${results.length} rows, so the server seems to ignore the page number; reading stopped so as not to loop forever. Turn off Return All and set a Limit of at most ${size}, or contact NXCLOUD support.`,
				},
			);
		}
		for (const signature of signatures) seen.add(signature);
		results.push(...rows);
		if (rows.length < size || results.length >= limit) break;
	}
	return Number.isFinite(limit) ? results.slice(0, limit) : results;
}
