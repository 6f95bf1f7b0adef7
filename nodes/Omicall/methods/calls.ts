import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';
import { asText } from '../../shared/input';
import { omicallRequest } from '../transport/direct';
import { recordsOf } from './lists';

/**
 * Dropdown and list-search methods of the calls resources (issue 13). Click to Call's Extension
 * list is the PBX resources' `searchInternalPhones` (./pbx.ts).
 */

/**
 * The hotlines the chosen extension may dial out on, for the Hotline list:
 * `GET /api/call_center/hotline/list?extension=`. The answer's shape is not documented: a list of
 * numbers or of objects with the number in `hotline`, `number`, `phone_number` or `public_number`.
 */
async function searchHotlines(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const extension = asText(this.getCurrentNodeParameter('extension', { extractValue: true }));
	const qs: IDataObject = extension ? { extension } : {};
	const payload = await omicallRequest(this, 'GET', '/api/call_center/hotline/list', { qs });
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const entry of recordsOf(payload)) {
		const record = (entry && typeof entry === 'object' ? entry : { hotline: entry }) as IDataObject;
		const number = asText(
			record.hotline ?? record.number ?? record.phone_number ?? record.public_number,
		);
		if (!number || (needle && !number.toLowerCase().includes(needle))) continue;
		results.push({ name: number, value: number });
	}
	return { results };
}

export const callsListSearch: Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
> = { searchHotlines };
export const callsLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {};
