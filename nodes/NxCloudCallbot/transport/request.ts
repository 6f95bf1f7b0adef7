import {
	ApplicationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
} from 'n8n-workflow';

/** Every endpoint lives under this path (every NXCLOUD Callbot-API page). */
export const NXCLOUD_API = '/callcentre/api/v3';

/**
 * The endpoints the pagination functions call. The name always comes from the code, never from a
 * parameter; the list makes sure of it (anything else is a programming error).
 */
const ENDPOINTS = [
	'createAndCall',
	'addBatchCall',
	'importBatchCall',
	'listOrderDetail',
	'stopOrder',
] as const;

export type NxEndpoint = (typeof ENDPOINTS)[number];

function endpointUrl(endpoint: NxEndpoint): string {
	if (!ENDPOINTS.includes(endpoint)) throw new ApplicationError(`Unknown NXCLOUD endpoint`);
	return `${NXCLOUD_API}/${endpoint}`;
}

/** Sends one request to an NXCLOUD endpoint through the routing engine (signing, postReceive). */
export async function callEndpoint(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	endpoint: NxEndpoint,
	body: IDataObject,
): Promise<IDataObject> {
	const items = await ctx.makeRoutingRequest({
		...requestData,
		options: { ...requestData.options, url: endpointUrl(endpoint), body },
	});
	return items[0]?.json ?? {};
}

/** The same, returning every item the postReceive made (e.g. the rows of a list). */
export async function callEndpointRows(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	endpoint: NxEndpoint,
	body: IDataObject,
) {
	return await ctx.makeRoutingRequest({
		...requestData,
		options: { ...requestData.options, url: endpointUrl(endpoint), body },
	});
}

/** Drops undefined values, so the output has no empty keys. */
export function compact(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) if (value !== undefined) result[key] = value;
	return result;
}
