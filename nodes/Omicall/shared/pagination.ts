import { returnAllAndLimit } from '../../shared/response';
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

const page = '($response.body?.payload ?? {})';

/**
 * Next-page rules for OMICall's paginated payloads, in snake_case (`has_next`, `page_number`,
 * `page_size`) or camelCase (`hasNext`, `pageNumber`, `pageSize`): both spellings are read.
 * `$request` is the first request, so the next page number comes from the last response.
 */
const pagedContinue =
	`={{ String(${page}.has_next ?? ${page}.hasNext) === 'true' && ` +
	`($parameter.returnAll === true || Number(${page}.page_number ?? ${page}.pageNumber ?? 1) * ` +
	`Number(${page}.page_size ?? ${page}.pageSize ?? $request.qs.size) < $parameter.limit) }}`;
const pagedRequest = {
	// One expression for the whole query: n8n merges this object shallowly into the first request.
	qs: `={{ Object.assign({}, $request.qs, { page: Number(${page}.page_number ?? ${page}.pageNumber ?? 0) + 1 }) }}` as unknown as IDataObject,
};

/**
 * Pages through a list whose payload is a plain array without totals (`social/message/list`):
 * stops when a page comes back shorter than the page size, or when the limit is reached.
 */
export async function paginatePlainArray(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll
		? Number.POSITIVE_INFINITY
		: (this.getNodeParameter('limit', 50) as number);
	const qs = requestData.options.qs ?? {};
	const size = Number(qs.size);
	const results: INodeExecutionData[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		const items = await this.makeRoutingRequest({
			...requestData,
			options: { ...requestData.options, qs: { ...qs, page: pageNumber } },
		});
		results.push(...items);
		if (items.length < size || results.length >= limit) return results;
	}
}

export interface ListOptions {
	show: IDisplayOptions['show'];
	/** Largest page the endpoint takes (OMICall documents 50 for search). */
	maxPageSize: number;
	/** 'paged': a payload with items and has_next/hasNext; 'plainArray': an array without totals; 'single': one request, no pages. */
	style: 'paged' | 'plainArray' | 'single';
}

/** Return All + Limit, wired to the endpoint's `page`/`size` query and its pagination shape. */
export function listControls({ show, maxPageSize, style }: ListOptions): INodeProperties[] {
	const paginates = style !== 'single';
	const pagination =
		style === 'plainArray'
			? paginatePlainArray
			: {
					type: 'generic' as const,
					properties: { continue: pagedContinue, request: pagedRequest },
				};
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
