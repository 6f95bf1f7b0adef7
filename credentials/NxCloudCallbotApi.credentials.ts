import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { signNxCloudRequest } from '../nodes/NxCloudCallbot/transport/auth';

const SIGNATURE_HINT =
	'Check the secret key and the algorithm (MD5 or SHA256): both must match the NXCLOUD platform, Developer → Developer authorization';

/** Plain-words explanations of the codes the ping can answer with. */
const TEST_ERRORS: Array<[number, string]> = [
	[6, `NXCLOUD rejected the signature (code 6). ${SIGNATURE_HINT}`],
	[6001, `NXCLOUD found no valid signature (code 6001). ${SIGNATURE_HINT}`],
	[
		6002,
		'NXCLOUD does not know this account (code 6002). Check the UUID (Developer → Developer authorization) and the base URL',
	],
	[
		6003,
		'This NXCLOUD account has no permission to use the Callbot API (code 6003). Ask NXCLOUD support to enable it',
	],
	[
		2,
		'NXCLOUD says a parameter is missing (code 2). Check that the UUID and the secret key are filled in',
	],
	[3, 'NXCLOUD says a parameter has the wrong format (code 3)'],
	[4, 'NXCLOUD says a parameter value is wrong (code 4)'],
	[1, 'NXCLOUD answered with a general error (code 1)'],
	[5, 'NXCLOUD is under maintenance (code 5). Try again later'],
	[5001, 'NXCLOUD had an internal error (code 5001). Try again later'],
	[7, 'NXCLOUD is busy (code 7). Try again later'],
];

/**
 * Ping answers with `code`/`msg`/`reqId`, the other endpoints with `retCode`/`retMsg`. Which envelope a
 * rejected signature gets on ping is not documented, so both keys are checked, with the code as a
 * number or as a string.
 */
function testRules(): IAuthenticateRuleResponseSuccessBody[] {
	const rules: IAuthenticateRuleResponseSuccessBody[] = [];
	for (const [code, message] of TEST_ERRORS) {
		for (const key of ['code', 'retCode']) {
			for (const value of [code, String(code)]) {
				rules.push({ type: 'responseSuccessBody', properties: { key, value, message } });
			}
		}
	}
	return rules;
}

export class NxCloudCallbotApi implements ICredentialType {
	name = 'nxCloudCallbotApi';

	displayName = 'NXCLOUD Callbot API';

	icon: Icon = { light: 'file:../icons/nxcloud.svg', dark: 'file:../icons/nxcloud.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-callbot/n8n-nodes-callbot#nxcloud-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://nxbot.nxcloud.com',
			placeholder: 'e.g. https://nxbot.nxcloud.com',
			description: 'NXCLOUD Callbot API host, without the /callcentre/api/v3 path',
			required: true,
		},
		{
			displayName: 'UUID',
			name: 'uuid',
			type: 'string',
			default: '',
			required: true,
			description:
				'The account UUID from the NXCLOUD callbot (aibot) platform: Developer → Developer authorization',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret key from the same Developer authorization page. It signs every request and is never sent.',
		},
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'MD5', value: 'MD5' },
				{ name: 'SHA256', value: 'SHA256' },
			],
			default: 'MD5',
			description:
				'Signature algorithm. Must match the one set on the Developer authorization page (MD5 unless changed there).',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signNxCloudRequest(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/callcentre/api/v3/ping',
			method: 'POST',
			body: { data: 'n8n' },
		},
		rules: testRules(),
	};
}
