import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';
import { OMICALL_ERRORS, isOmicallSuccess, omicallErrorCode } from '../transport/errors';
import { TOKEN_REFUSED_CODES, requestOmicallWithTokenRetry } from '../transport/request';

/** The OMICall requests of the registration: list, register and destroy the call webhooks. */

export interface OmicallHook {
	type: string;
	url: string;
	events: string[] | null;
}

/**
 * How long each registration request may take before activation or deactivation fails (30 s, as
 * every request of this package). A setting rather than a constant so that tests can shorten it.
 */
export const registrationSettings = { timeoutMs: 30_000 };

/** Whether a request error is the timeout (axios' ECONNABORTED, as n8n reports it or not). */
function isTimeout(error: unknown): boolean {
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

async function omicallRequest(
	ctx: IHookFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const credentials = await ctx.getCredentials('omicallApi');
	const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	const timeout = registrationSettings.timeoutMs;
	let response: IDataObject;
	let retried: boolean;
	try {
		// A token refused inside an HTTP 200 (token_expired, auth_invalid) is replaced once.
		({ body: response, retried } = await requestOmicallWithTokenRetry(ctx, {
			method,
			url: `${baseUrl}${path}`,
			qs: options.qs,
			body: options.body,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			timeout,
		}));
	} catch (error) {
		if (isTimeout(error)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`OMICall did not answer ${method} ${path} within ${timeout / 1000} s`,
				{
					description:
						'The webhook registration was not changed or only partly: activate again later. Deactivating puts back what was registered before.',
				},
			);
		}
		// n8n already reports request failures as NodeApiError, which is returned as it is.
		throw new NodeApiError(ctx.getNode(), error as JsonObject);
	}
	if (!isOmicallSuccess(response)) {
		const code = omicallErrorCode(response ?? {});
		if (retried && TOKEN_REFUSED_CODES.includes(code)) {
			throw new NodeApiError(ctx.getNode(), (response ?? {}) as JsonObject, {
				message: `OMICall refused the access token (${code}), also a new one fetched just before`,
				description: `While calling ${method} ${path} to manage the call webhooks, the trigger fetched a new token from /api/auth and retried once, and OMICall refused that token too. Check that the API key in the OMICall API credential is current and that the Base URL is the OMICall host of your tenant.`,
			});
		}
		const meaning = OMICALL_ERRORS[code];
		throw new NodeApiError(ctx.getNode(), (response ?? {}) as JsonObject, {
			message: `OMICall error ${code}${meaning ? `: ${meaning}` : ''}`,
			description: `While calling ${method} ${path} to manage the call webhooks`,
		});
	}
	return response;
}

export async function listHooks(ctx: IHookFunctions): Promise<OmicallHook[]> {
	const response = await omicallRequest(ctx, 'GET', '/api/webhooks/list');
	const payload = Array.isArray(response.payload) ? (response.payload as IDataObject[]) : [];
	return payload
		.filter((hook) => typeof hook === 'object' && hook !== null)
		.map((hook) => ({
			type: String(hook.type ?? ''),
			url: String(hook.url ?? ''),
			events: Array.isArray(hook.events) ? (hook.events as string[]) : null,
		}));
}

export async function register(
	ctx: IHookFunctions,
	url: string,
	events: string[] | null,
): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/register', {
		body: { webhook: { type: 'call', url, events } },
	});
}

export async function destroy(ctx: IHookFunctions, hookType: string): Promise<void> {
	await omicallRequest(ctx, 'POST', '/api/webhooks/destroy', { qs: { hook_type: hookType } });
}
