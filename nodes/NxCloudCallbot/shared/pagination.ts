import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { returnAllAndLimit } from '../../shared/response';
import { PAGE_SIZE } from './descriptions';

/** Return All + Limit of the list operations (listTask, listOrder, listCall). */
export function listControls(show: IDisplayOptions['show']): INodeProperties[] {
	return returnAllAndLimit(show);
}

/** `page` (1) and `size` of the first request: the page size, or the limit when it is smaller. */
export function firstPage(ctx: IExecuteSingleFunctions): { page: number; size: number } {
	const returnAll = ctx.getNodeParameter('returnAll', false) as boolean;
	const limit = Number(ctx.getNodeParameter('limit', 50)) || 50;
	return { page: 1, size: returnAll ? PAGE_SIZE : Math.max(1, Math.min(limit, PAGE_SIZE)) };
}

/**
 * Pages through a list endpoint with `page`/`size` in the body. No total is documented, so it stops
 * at a page shorter than `size`, at the limit, or when a page repeats the previous one (a server
 * that ignores `page`).
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
	let previous: string | undefined;
	for (let page = 1; ; page++) {
		const rows = await this.makeRoutingRequest({
			...requestData,
			options: { ...requestData.options, body: { ...body, page } },
		});
		const signature = rows.length ? JSON.stringify(rows.map((row) => row.json)) : undefined;
		if (signature !== undefined && signature === previous) break;
		previous = signature;
		results.push(...rows);
		if (rows.length < size || results.length >= limit) break;
	}
	return Number.isFinite(limit) ? results.slice(0, limit) : results;
}
