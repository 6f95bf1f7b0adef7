import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import {
	AUTH_ERRORS,
	authorizeOmicallRequest,
	exchangeOmicallToken,
} from '../nodes/Omicall/transport/auth';

export class OmicallApi implements ICredentialType {
	name = 'omicallApi';

	displayName = 'OMICall API';

	icon: Icon = { light: 'file:../icons/omicall.svg', dark: 'file:../icons/omicall.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callbot/n8n-nodes-callbot#omicall-credential';

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
		{
			// Written with the token by preAuthentication (n8n stores every field it returns, and
			// keeps only declared fields when it decrypts the credential).
			displayName: 'Access Token Owner',
			name: 'tokenFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Exchanges the API key for a Bearer token (GET /api/auth, 30 s timeout). n8n calls this when the
	 * stored token is empty, after a request answered 401 (or `authenticate` reported an expired or
	 * refused token as a 401), and on every credential test. Calls of one account that replace the
	 * same token, or that find no token yet, share one exchange (see `exchanges` in
	 * nodes/Omicall/transport/auth.ts). (A credential test
	 * also passes the stored token: it is then treated as replaced, which costs at most one more
	 * exchange on the next run.)
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await exchangeOmicallToken(this, credentials);
	}

	/**
	 * Sends both `x-api-key` and `Authorization: Bearer` on every request: the vendor pages disagree on
	 * which one each endpoint reads, and OMICall's own client sends both.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authorizeOmicallRequest(credentials, requestOptions);
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
