import {
	ApplicationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

/** Every endpoint lives under this path (reference 4.0). */
export const NXCLOUD_API = '/callcentre/api/v3';

/**
 * How a plan reaches the pagination function that sends it: n8n's routing engine sets the request
 * options to the object the operation's preSends return and hands that same object, unchanged, to
 * the pagination function (node_modules/n8n-core/dist/execution-engine/routing-node.js, makeRequest:
 * `requestData.options = await preSend(...)` for each preSend, then `pagination.call(...,
 * requestData)`; nothing copies or resolves the options in between, and the engine sends nothing
 * itself when the operation has a pagination function). So the plan travels openly, as the body of
 * those options; the pagination function sends its own bodies in its place (`callEndpoint`), never
 * the plan. An item without a plan (not the leading item of "One … per Input Item") has none there
 * and sends nothing. Same as OMICall Campaign → Start (nodes/Omicall/resources/campaign/start.ts).
 */
interface PlannedBody<T> {
	nxcloudPlan: T;
}

/** The request options with `plan` as their body, for the operation's pagination function. */
export function withPlan<T>(options: IHttpRequestOptions, plan: T): IHttpRequestOptions {
	const body: PlannedBody<T> = { nxcloudPlan: plan };
	return { ...options, body: body as unknown as IDataObject };
}

/** The plan a preSend left in the request options (`withPlan`), or undefined when there is none. */
export function planOf<T>(options: { body?: unknown }): T | undefined {
	const body = options.body as PlannedBody<T> | undefined;
	return body !== null && typeof body === 'object' && 'nxcloudPlan' in body
		? body.nxcloudPlan
		: undefined;
}

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
