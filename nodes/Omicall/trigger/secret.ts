import type {
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IHookFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';
import { safeEqual } from '../../shared/crypto';
import { headerValue, queryValue, type WebhookRequest } from '../../shared/webhook/request';

/**
 * Where the OMICall Trigger finds its shared secret: version 1 keeps it in node parameters (as
 * workflows saved before version 2 have it); version 2 and later read it from the encrypted
 * "OMICall Webhook Secret API" credential.
 */
export interface SecretSettings {
	location: 'query' | 'header';
	/** The query parameter name (query) or the header name (header). */
	name: string;
	/** The secret; '' when none is set (then every delivery is refused). */
	secret: string;
}

export const WEBHOOK_CREDENTIAL = 'omicallWebhookApi';

/** Whether the node keeps its secret in a credential (version 2 and later). */
export function usesSecretCredential(ctx: IHookFunctions | IWebhookFunctions): boolean {
	return ctx.getNode().typeVersion >= 2;
}

/** The shortest secret the credential test accepts without complaint. */
export const MIN_SECRET_LENGTH = 16;

/**
 * The credential test of the OMICall Webhook Secret credential. There is nothing to ask OMICall
 * (it signs nothing and cannot check a secret), so the settings are checked locally.
 */
export async function testSecretCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const secret = typeof data.secret === 'string' ? data.secret : '';
	const isHeader = data.location === 'header';
	const name = String((isHeader ? data.headerName : data.queryParameterName) ?? '').trim();
	if (!secret) return { status: 'Error', message: 'Set a secret' };
	if (secret.length < MIN_SECRET_LENGTH) {
		return {
			status: 'Error',
			message: `The secret is too short: use ${MIN_SECRET_LENGTH} characters or more (e.g. 32 random characters)`,
		};
	}
	if (!name) {
		return {
			status: 'Error',
			message: isHeader ? 'Set the header name' : 'Set the query parameter name',
		};
	}
	if (isHeader && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
		return { status: 'Error', message: `"${name}" is not a valid header name` };
	}
	return { status: 'OK', message: 'The secret settings are complete' };
}

export async function secretSettings(
	ctx: IHookFunctions | IWebhookFunctions,
): Promise<SecretSettings> {
	let location: unknown;
	let queryName: unknown;
	let headerName: unknown;
	let secret: unknown;
	if (usesSecretCredential(ctx)) {
		const credentials = await ctx.getCredentials(WEBHOOK_CREDENTIAL);
		location = credentials.location ?? 'query';
		queryName = credentials.queryParameterName ?? 'secret';
		headerName = credentials.headerName ?? '';
		secret = credentials.secret ?? '';
	} else {
		location = ctx.getNodeParameter('secretLocation', 'query');
		queryName = location === 'header' ? '' : ctx.getNodeParameter('queryParameterName', 'secret');
		headerName = location === 'header' ? ctx.getNodeParameter('headerName', '') : '';
		secret = ctx.getNodeParameter('secret', '');
	}
	const isHeader = location === 'header';
	return {
		location: isHeader ? 'header' : 'query',
		name: String((isHeader ? headerName : queryName) ?? '').trim(),
		secret: typeof secret === 'string' ? secret : String(secret ?? ''),
	};
}

/**
 * Whether a delivery carries the shared secret (OMICall signs nothing), in the header or query
 * parameter the settings name, compared in constant time. Without a secret set, none does.
 */
export function carriesSecret(
	request: WebhookRequest,
	{ location, name, secret }: SecretSettings,
): boolean {
	let provided: string | undefined;
	if (name)
		provided = location === 'header' ? headerValue(request, name) : queryValue(request, name);
	return Boolean(secret) && provided !== undefined && safeEqual(provided, secret);
}
