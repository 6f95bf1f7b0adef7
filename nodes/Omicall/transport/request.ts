import {
	NodeApiError,
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecuteFunctions,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHookFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';
import { OMICALL_TIMEOUT, refuseOmicallToken } from './auth';
import { inputError, optionalId } from '../../shared/input';
import { isOmicallSuccess, omicallErrorCode, type ErrorContext } from './errors';

/**
 * Every OMICall request of the node goes through `sendOmicall` (from the operations' pagination
 * functions), which is the one place that:
 * - checks that the URL path is what the operation means: path parameters are filled in only by
 *   `fillPath` (validated and percent-encoded), and nothing a parameter holds can add a path segment,
 *   a query or a fragment;
 * - checks that every query value is text, a number, a boolean or a list of them, so a parameter
 *   cannot add other query keys;
 * - sets the timeout (the node's Request Options → Timeout, else 30 s);
 * - fetches a new token once and retries once when OMICall refuses the token inside an HTTP 200
 *   answer (token_expired, auth_invalid), which n8n alone would not do.
 */

/** Vendor codes that mean "this access token is refused" (OMICall page Overview, and the codes OMICall's own client handles). */
export const TOKEN_REFUSED_CODES = ['token_expired', 'auth_invalid'];

/** The characters an ID in an OMICall URL path may have: IDs are hex, UUIDs or plain codes. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_:~.-]*$/;

export interface PathParameter {
	/** The `:token` in the operation's URL. */
	token: string;
	/** Node parameter (resource locators give their value). */
	parameter: string;
	label: string;
	fix: string;
	/** The only values allowed (e.g. the documented channels). */
	allowed?: string[];
}

/**
 * A value that goes into a URL path, checked: text or a number (not an object, an array or empty),
 * not `.` or `..`, only letters, digits and `-_.:~` (no `/`, `?`, `#`, `%`, spaces), or one of
 * `allowed`. Returned percent-encoded.
 */
export function pathSegment(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
	allowed?: string[],
): string {
	const text = idText(ctx, value, label, fix);
	// idText has refused empty values and runs of dots already.
	if (allowed ? !allowed.includes(text) : !SAFE_ID.test(text)) {
		inputError(
			ctx,
			label,
			`"${text.slice(0, 80)}" is not ${allowed ? `one of ${allowed.join(', ')}` : 'a valid ID'}`,
			allowed
				? `Choose one of: ${allowed.join(', ')}.`
				: `${fix} An ID has only letters, digits and - _ . : ~.`,
		);
	}
	return encodeURIComponent(text);
}

/** An ID parameter as trimmed text: `optionalId`'s checks, and refuses an empty value. */
export function idText(
	ctx: IExecuteSingleFunctions,
	value: unknown,
	label: string,
	fix: string,
	itemIndex = ctx.getItemIndex(),
): string {
	const text = optionalId(ctx, value, label, fix, itemIndex);
	if (!text) inputError(ctx, label, 'is empty', fix, itemIndex);
	return text;
}

/** A preSend that fills `:token`s of the URL with their checked, percent-encoded parameters. */
export function fillPath(...parameters: PathParameter[]) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		let url = requestOptions.url;
		for (const { token, parameter, label, fix, allowed } of parameters) {
			const value = this.getNodeParameter(parameter, '', { extractValue: true });
			url = url.replace(`:${token}`, pathSegment(this, value, label, fix, allowed));
		}
		return { ...requestOptions, url };
	};
}

function queryValueIsPlain(value: unknown): boolean {
	const scalar = (entry: unknown) =>
		entry === null || entry === undefined || ['string', 'number', 'boolean'].includes(typeof entry);
	return Array.isArray(value) ? value.every(scalar) : scalar(value);
}

/**
 * The request as it will be sent: the path checked (no unfilled `:token`, no `..`, `?` or `#`), the
 * query values checked, the timeout set.
 */
export function finalRequestOptions(
	ctx: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const url = String(options.url ?? '');
	const segments = url.split('/');
	if (
		!url.startsWith('/api/') ||
		/[?#\\\s]|:[a-z]/i.test(url) ||
		segments.some((segment) => segment === '.' || segment === '..' || /%2e|%2f|%5c/i.test(segment))
	) {
		// Only a bug can get here: fillPath checks every value it puts into a path.
		throw new NodeOperationError(ctx.getNode(), `Refused to send a request to "${url}"`, {
			itemIndex: ctx.getItemIndex(),
			description: 'The URL of an OMICall request may only hold checked IDs.',
		});
	}
	const qs = (options.qs ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(qs)) {
		if (!queryValueIsPlain(value)) {
			inputError(
				ctx,
				`Query parameter ${key}`,
				'is an object, not text, a number or a list of them',
				'Map the field to a text or number value.',
			);
		}
	}
	const requestOptions = ctx.getNodeParameter('requestOptions', {}) as IDataObject;
	const userTimeout = Number(requestOptions.timeout);
	return {
		...options,
		headers: { ...(options.headers ?? {}) },
		qs: { ...qs },
		timeout: Number.isFinite(userTimeout) && userTimeout > 0 ? userTimeout : OMICALL_TIMEOUT.ms,
	};
}

/** Whether an error is OMICall refusing the access token inside an HTTP 200 answer. */
export function isTokenRefused(error: unknown): boolean {
	const context = (error as { context?: IDataObject })?.context;
	return TOKEN_REFUSED_CODES.includes(String(context?.vendorCode ?? ''));
}

/** The error when OMICall refuses even the token fetched a moment ago: true about what happened. */
export function tokenStillRefused(ctx: ErrorContext, error: unknown): NodeApiError {
	const code = String((error as { context?: IDataObject })?.context?.vendorCode ?? '');
	const apiError = new NodeApiError(
		ctx.getNode(),
		((error as NodeApiError)?.errorResponse ?? {}) as JsonObject,
		{
			message: `OMICall refused the access token (${code}), also a new one fetched just before`,
			description:
				'The node fetched a new token from /api/auth and retried once, and OMICall refused that token too. Check that the API key in the credential is current and that the Base URL is the OMICall host of your tenant.',
			httpCode: String((error as NodeApiError)?.httpCode ?? '200'),
			itemIndex: ctx.getItemIndex?.(),
		},
	);
	apiError.context.vendorCode = code;
	return apiError;
}

/**
 * Sends one request through the routing engine (authentication, postReceive), after the checks of
 * `finalRequestOptions`. When OMICall refuses the token inside an HTTP 200 answer, the token is
 * marked refused in the credential and the request is sent once more: n8n then fetches a new token
 * (one exchange for all items that met the same token) and sends the request with it.
 */
export async function sendOmicall(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	overrides: Partial<IHttpRequestOptions> = {},
): Promise<INodeExecutionData[]> {
	const options = { ...requestData.options, ...overrides } as IHttpRequestOptions;
	const first = finalRequestOptions(ctx, options);
	try {
		return await ctx.makeRoutingRequest({ ...requestData, options: first });
	} catch (error) {
		if (!isTokenRefused(error)) throw nodeError(ctx, error);
		refuseOmicallToken(first.headers?.Authorization);
	}
	const second = finalRequestOptions(ctx, options);
	try {
		return await ctx.makeRoutingRequest({ ...requestData, options: second });
	} catch (error) {
		if (isTokenRefused(error)) throw tokenStillRefused(ctx, error);
		throw nodeError(ctx, error);
	}
}

/** An error as n8n's own error types (the routing engine's errors already are). */
export function nodeError(ctx: ErrorContext, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: ctx.getItemIndex?.() });
}

/** The pagination function of operations that send one request. */
export async function singleRequest(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await sendOmicall(this, requestData);
}

/** A context that sends requests outside the routing engine (see ./direct.ts). */
export type DirectContext =
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IExecuteFunctions;

/**
 * One OMICall request outside the routing engine (`omicallRequest` of ./direct.ts: dropdowns, the
 * triggers) through `httpRequestWithAuthentication`, with `sendOmicall`'s one token retry: when
 * OMICall refuses the token inside an HTTP 200 answer (token_expired, auth_invalid), the token is
 * marked refused in the credential and the request is sent once more, with a token n8n fetches
 * first. Returns the last answer, whatever its envelope says (the caller checks it), and whether the
 * request was sent again with a new token.
 */
export async function requestOmicallWithTokenRetry(
	ctx: DirectContext,
	options: IHttpRequestOptions,
): Promise<{ body: IDataObject; retried: boolean }> {
	const send = async () => {
		// `authenticate` sets the headers on the options it is given: one object per attempt.
		const attempt: IHttpRequestOptions = { ...options, headers: { ...(options.headers ?? {}) } };
		const body = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			'omicallApi',
			attempt,
		)) as IDataObject;
		return { body, attempt };
	};
	const first = await send();
	const refused =
		!isOmicallSuccess(first.body) &&
		TOKEN_REFUSED_CODES.includes(omicallErrorCode(first.body ?? {}));
	if (!refused) return { body: first.body, retried: false };
	refuseOmicallToken(first.attempt.headers?.Authorization);
	return { body: (await send()).body, retried: true };
}
