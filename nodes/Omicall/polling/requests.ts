import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IPollFunctions,
} from 'n8n-workflow';
import { OMICALL_TIMEOUT } from '../transport/auth';
import { checkOmicallResponse } from '../transport/errors';
import { nodeError, requestOmicallWithTokenRetry } from '../transport/request';

/**
 * The poller's OMICall requests: `httpRequestWithAuthentication` with the omicallApi credential
 * (token exchange by the credential, one retry with a new token when OMICall refuses the token
 * inside an HTTP 200: `requestOmicallWithTokenRetry`), and the envelope checked by the node's
 * `checkOmicallResponse` (a NodeApiError with the vendor code and its documented meaning).
 */

/**
 * `checkOmicallResponse` reads only the node and the item index of its context: a poll has one
 * "item", 0. (A narrow view of the poll context, not a fake: nothing else is called on it.)
 */
function itemContext(ctx: IPollFunctions): IExecuteSingleFunctions {
	return {
		getNode: () => ctx.getNode(),
		getItemIndex: () => 0,
	} as unknown as IExecuteSingleFunctions;
}

/**
 * One OMICall request of the poller. Returns the envelope's payload, or throws a NodeApiError
 * (`rateLimitCode` of transport/rateLimit.ts tells HTTP 429, limit_request_30_minute and rate_limit_exceeded apart).
 * `path` is a constant of this folder (never a parameter); query and body values are numbers,
 * booleans and the campaign IDs (text), which only go into the query or the body.
 */
export async function pollRequest(
	ctx: IPollFunctions,
	method: IHttpRequestMethods,
	path: '/api/call_transaction/list' | '/api/call_bot/analyzed_log/list',
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<unknown> {
	const credentials = await ctx.getCredentials('omicallApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	let body: IDataObject;
	try {
		// requestOmicallWithTokenRetry only calls helpers.httpRequestWithAuthentication, which a
		// poll context has as a hook context does.
		({ body } = await requestOmicallWithTokenRetry(ctx as unknown as IHookFunctions, {
			method,
			url: `${baseUrl}${path}`,
			qs: options.qs,
			body: options.body,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			timeout: OMICALL_TIMEOUT.ms,
		}));
	} catch (error) {
		throw pollError(ctx, error);
	}
	return checkOmicallResponse(itemContext(ctx), { statusCode: 200, headers: {}, body })?.payload;
}

/** An error of a poll as n8n's own error types (NodeApiError and NodeOperationError pass unchanged). */
export function pollError(ctx: IPollFunctions, error: unknown) {
	return nodeError(itemContext(ctx), error);
}
