import {
	NodeOperationError,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';
import { OMICALL_TIMEOUT } from './auth';
import { checkOmicallResponse } from './errors';
import {
	isTokenRefused,
	nodeError,
	requestOmicallWithTokenRetry,
	tokenStillRefused,
	type DirectContext,
} from './request';

/**
 * The one OMICall request helper outside the routing engine: list searches and dropdowns, the
 * OMICall Trigger's webhook registration, the Callbot Results Trigger's polls.
 * `httpRequestWithAuthentication` with the omicallApi credential (token exchange by the credential;
 * one retry with a new token when OMICall refuses the token inside an HTTP 200 answer:
 * `requestOmicallWithTokenRetry`), and the envelope checked by `checkOmicallResponse` (a
 * NodeApiError with the vendor code in `context.vendorCode` and its documented meaning).
 *
 * `path` is always a constant of the caller, never a parameter: parameters only go into the query
 * or the body.
 */

export interface OmicallRequestOptions {
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** How long the request may take (default: the package's OMICALL_TIMEOUT, 30 s). */
	timeoutMs?: number;
	/** What the request is for, added to an error's description, e.g. "to manage the call webhooks". */
	purpose?: string;
	/** The description of the error when OMICall does not answer in time: what it means for the caller. */
	whenTimedOut?: string;
}

/** Whether a request error is the timeout (axios' ECONNABORTED, as n8n reports it or not). */
export function isTimeout(error: unknown): boolean {
	const candidate = error as {
		code?: unknown;
		message?: unknown;
		messages?: unknown;
		cause?: { code?: unknown; message?: unknown };
	};
	const texts = [
		candidate?.code,
		candidate?.message,
		candidate?.cause?.code,
		candidate?.cause?.message,
		...(Array.isArray(candidate?.messages) ? candidate.messages : []),
	].map((text) => String(text ?? ''));
	return texts.some((text) =>
		/ECONNABORTED|ETIMEDOUT|timeout of \d+ms exceeded|connection was aborted/i.test(text),
	);
}

/**
 * Sends one OMICall request and returns the payload of a successful answer (`undefined` for an
 * HTTP 204), or throws n8n's own error types: OMICall's error with its code and meaning, the token
 * refused again after the retry, "did not answer within" on a timeout, or the request's failure.
 */
export async function omicallRequest(
	ctx: DirectContext,
	method: IHttpRequestMethods,
	path: string,
	options: OmicallRequestOptions = {},
): Promise<unknown> {
	const credentials = await ctx.getCredentials('omicallApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const timeout = options.timeoutMs ?? OMICALL_TIMEOUT.ms;
	const purpose = (error: Error) => {
		if (options.purpose) {
			const described = error as Error & { description?: string | null };
			described.description = [
				described.description,
				`While calling ${method} ${path} ${options.purpose}.`,
			]
				.filter(Boolean)
				.join(' ');
		}
		return error;
	};
	let answer: { body: IDataObject; retried: boolean };
	try {
		answer = await requestOmicallWithTokenRetry(ctx, {
			method,
			url: `${baseUrl}${path}`,
			qs: options.qs,
			body: options.body as IHttpRequestOptions['body'],
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			timeout,
		});
	} catch (error) {
		if (isTimeout(error)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`OMICall did not answer ${method} ${path} within ${timeout / 1000} s`,
				{
					description:
						options.whenTimedOut ?? 'OMICall may be slow or unreachable. Try again later.',
				},
			);
		}
		throw purpose(nodeError(ctx, error));
	}
	try {
		return checkOmicallResponse(ctx, { statusCode: 200, headers: {}, body: answer.body })?.payload;
	} catch (error) {
		if (answer.retried && isTokenRefused(error)) throw purpose(tokenStillRefused(ctx, error));
		throw purpose(error as Error);
	}
}
