import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** Refresh the access token when it has less than this many seconds left. */
const TOKEN_EXPIRY_MARGIN_SECONDS = 60;

/** Reads the `exp` claim (Unix seconds) of a JWT, or undefined when the token is not a JWT. */
export function jwtExpiry(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as IDataObject;
		const exp = Number(claims.exp);
		return Number.isFinite(exp) && exp > 0 ? exp : undefined;
	} catch {
		return undefined;
	}
}

const AUTH_ERRORS: Record<string, string> = {
	api_key_is_required: 'The API key is missing. Paste the key from OMICall into the credential.',
	api_key_invalid:
		'OMICall rejected the API key (api_key_invalid): it is wrong or has been revoked. Copy it again from OMICall: Account / Configuration → Integration → API management.',
	tenant_disabled: 'The OMICall tenant of this API key is disabled (tenant_disabled).',
	individual_package_expired:
		'The OMICall service package has expired (individual_package_expired).',
};

export class OmicallApi implements ICredentialType {
	name = 'omicallApi';

	displayName = 'OMICall API';

	icon: Icon = { light: 'file:../icons/omicall.svg', dark: 'file:../icons/omicall.dark.svg' };

	documentationUrl = 'https://api.omicall.com/omicall-api/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://public-v1-stg.omicall.com',
			placeholder: 'e.g. https://public-v1-stg.omicall.com',
			description:
				'OMICall public API host. The documentation names https://public-v1-stg.omicall.com (used by production tenants too); OMICall\'s own client calls https://public-v1.omicall.com "prod".',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The tenant API key from OMICall: Account / Configuration → Integration → API management',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Exchanges the API key for a Bearer token (GET /api/auth). n8n calls this when the stored token
	 * is empty, after a request answered 401, and on every credential test.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url: `${baseUrl}/api/auth`,
			qs: { apiKey: credentials.apiKey },
			headers: { 'Content-Type': 'application/json' },
			json: true,
		})) as IDataObject;
		const payload = (response?.payload ?? {}) as IDataObject;
		const token = payload.access_token;
		if (Number(response?.status_code) !== 9999 || typeof token !== 'string' || !token) {
			const code = String(
				(payload.error as string) ?? response?.message ?? payload.message ?? 'unknown_error',
			);
			throw new Error(
				AUTH_ERRORS[code] ??
					`OMICall did not issue an access token (${code}). Check the API key and Base URL.`,
			);
		}
		return { accessToken: token };
	}

	/**
	 * Sends both `x-api-key` and `Authorization: Bearer` on every request: the vendor pages disagree on
	 * which one each endpoint reads, and OMICall's own client sends both.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.accessToken ?? '');
		const exp = jwtExpiry(token);
		if (exp !== undefined && exp - TOKEN_EXPIRY_MARGIN_SECONDS <= Date.now() / 1000) {
			// The token is (nearly) expired: report it as n8n reports a 401, so that n8n fetches a new
			// token through preAuthentication, stores it and sends this request with it.
			const error = new Error('The OMICall access token has expired') as Error & IDataObject;
			error.response = { status: 401 };
			throw error;
		}
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				'x-api-key': String(credentials.apiKey ?? ''),
				Authorization: `Bearer ${token}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/auth',
			method: 'GET',
			qs: { apiKey: '={{$credentials.apiKey}}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: 'api_key_invalid',
					message: AUTH_ERRORS.api_key_invalid,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status_code', value: -9999, message: 'OMICall rejected the API key' },
			},
		],
	};
}
