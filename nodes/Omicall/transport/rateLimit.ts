import {
	NodeApiError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type JsonObject,
	sleepWithAbort,
} from 'n8n-workflow';
import { nodeError, sendOmicall } from './request';

/** Vendor codes that mean "too many requests": call history's documented one and OMICall's client's. */
export const RATE_LIMIT_CODES = ['limit_request_30_minute', 'rate_limit_exceeded'];

/**
 * The back-off of reading requests that OMICall refuses as rate-limited (HTTP 429,
 * limit_request_30_minute, rate_limit_exceeded): one wait per retry, then a clear error. The rule
 * behind OMICall's limits is undocumented, so the waits are short and capped
 * (1 min 52 s in all), each at most `maxWaitMs`. (A `Retry-After` header cannot be honoured: n8n's
 * request helper does not pass the headers of a failed response on.) An object so that tests can
 * shorten the waits and see them.
 */
export const RATE_LIMIT_BACKOFF = {
	delaysMs: [2_000, 5_000, 15_000, 30_000, 60_000],
	maxWaitMs: 60_000,
	sleep: async (ms: number, signal?: AbortSignal) => await sleepWithAbort(ms, signal),
};

/** The rate-limit code of an error (`http_429` for an HTTP 429), or undefined. */
export function rateLimitCode(error: unknown): string | undefined {
	const failure = error as { httpCode?: unknown; context?: IDataObject };
	const code = String(failure?.context?.vendorCode ?? '');
	if (RATE_LIMIT_CODES.includes(code)) return code;
	if (String(failure?.httpCode ?? '') === '429') return 'http_429';
	return undefined;
}

/**
 * `sendOmicall` for reading requests (call history), with the capped back-off of
 * RATE_LIMIT_BACKOFF when OMICall answers rate-limited; a clear error when the limit still holds.
 * Only for requests that change nothing: a refused read is simply asked again.
 */
export async function sendOmicallRead(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	overrides: Partial<IHttpRequestOptions> = {},
): Promise<INodeExecutionData[]> {
	let waited = 0;
	for (let attempt = 0; ; attempt++) {
		try {
			return await sendOmicall(ctx, requestData, overrides);
		} catch (error) {
			const code = rateLimitCode(error);
			if (!code) throw nodeError(ctx, error);
			const { delaysMs, maxWaitMs } = RATE_LIMIT_BACKOFF;
			if (attempt >= delaysMs.length) throw rateLimitHeld(ctx, error, code, attempt, waited);
			const wait = Math.min(delaysMs[attempt], maxWaitMs);
			await RATE_LIMIT_BACKOFF.sleep(wait, ctx.getExecutionCancelSignal());
			waited += wait;
		}
	}
}

function rateLimitHeld(
	ctx: IExecuteSingleFunctions,
	error: unknown,
	code: string,
	retries: number,
	waitedMs: number,
): NodeApiError {
	const seconds = Math.round(waitedMs / 1000);
	const apiError = new NodeApiError(
		ctx.getNode(),
		((error as NodeApiError)?.errorResponse ?? {}) as JsonObject,
		{
			message: `OMICall still refuses the request as rate-limited (${code}) after ${retries} retries over ${seconds} s`,
			description:
				code === 'limit_request_30_minute'
					? 'OMICall documents limit_request_30_minute for call history: its page says requests must be 30 minutes apart, but the exact rule is unknown. Nothing of this item is output, because the list is not complete. Run it again later, or less often (e.g. one run per 30 minutes).'
					: 'OMICall answered "too many requests" for every retry. Nothing of this item is output, because the list is not complete. Run it again later, or send fewer requests at once (e.g. Request Options → Batching, fewer input items, a shorter period).',
			httpCode: String((error as NodeApiError)?.httpCode ?? '200'),
			itemIndex: ctx.getItemIndex(),
		},
	);
	apiError.context.vendorCode = code;
	return apiError;
}
