import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NXCLOUD_API } from './descriptions';

/**
 * What a preSend planned for the pagination function that sends it, keyed by the request options
 * object the preSend returned (the routing engine hands that same object to the pagination
 * function). An item without a plan sends nothing: in "one … per input item" mode only the
 * leading item sends, for all items.
 */
const plans = new WeakMap<object, unknown>();

export function rememberPlan<T>(options: IHttpRequestOptions, plan: T): IHttpRequestOptions {
	plans.set(options, plan);
	return options;
}

export function recallPlan<T>(options: object): T | undefined {
	return plans.get(options) as T | undefined;
}

/** Sends one request to an NXCLOUD endpoint through the routing engine (signing, postReceive). */
export async function callEndpoint(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	endpoint: string,
	body: IDataObject,
): Promise<IDataObject> {
	const items = await ctx.makeRoutingRequest({
		...requestData,
		options: { ...requestData.options, url: `${NXCLOUD_API}/${endpoint}`, body },
	});
	return items[0]?.json ?? {};
}

/** The same, returning every item the postReceive made (e.g. the rows of a list). */
export async function callEndpointRows(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	endpoint: string,
	body: IDataObject,
) {
	return await ctx.makeRoutingRequest({
		...requestData,
		options: { ...requestData.options, url: `${NXCLOUD_API}/${endpoint}`, body },
	});
}

/** Drops undefined values, so the output has no empty keys. */
export function compact(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) if (value !== undefined) result[key] = value;
	return result;
}
