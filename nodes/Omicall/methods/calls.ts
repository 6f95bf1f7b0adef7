import {
	NodeApiError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
	type INodePropertyOptions,
	type JsonObject,
} from 'n8n-workflow';
import { asText } from '../../shared/input';
import { OMICALL_TIMEOUT } from '../transport/auth';
import { isOmicallSuccess, OMICALL_ERRORS, omicallErrorCode } from '../transport/errors';
import { requestOmicallWithTokenRetry } from '../transport/request';
import { searchInternalPhones } from './pbx';

/** Dropdown and list-search methods of the calls resources (issue 13). */

/** One GET of a dropdown: the payload of a successful answer, or OMICall's error. */
export async function loadOmicallPayload(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject = {},
): Promise<unknown> {
	const credentials = await ctx.getCredentials('omicallApi');
	const { body } = await requestOmicallWithTokenRetry(ctx, {
		method: 'GET',
		baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
		url,
		qs,
		json: true,
		timeout: OMICALL_TIMEOUT.ms,
	});
	if (!isOmicallSuccess(body)) {
		const code = omicallErrorCode(body ?? {});
		throw new NodeApiError(ctx.getNode(), (body ?? {}) as JsonObject, {
			message: `OMICall error ${code}${OMICALL_ERRORS[code] ? `: ${OMICALL_ERRORS[code]}` : ''}`,
		});
	}
	return body.payload;
}

/** The records of a payload: a plain array or a page's `items`. */
function recordsOf(payload: unknown): unknown[] {
	if (Array.isArray(payload)) return payload;
	const items = (payload as IDataObject | undefined)?.items;
	return Array.isArray(items) ? items : [];
}

/**
 * Extensions for Click to Call's Extension list: the internal phones
 * (`GET /api/call_center/internal_phone/list`, keyword sent to OMICall, 50 per scroll), as the PBX
 * resources list them.
 */
async function searchExtensions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchInternalPhones.call(this, filter, paginationToken);
}

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
	const payload = await loadOmicallPayload(this, '/api/call_center/hotline/list', qs);
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
> = { searchExtensions, searchHotlines };
export const callsLoadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {};
