import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { idText } from '../../transport/request';
import { sipPasswordProperties } from '../../shared/sipPasswords';

const show = { resource: ['extension'], operation: ['get'] };
const LOOKUPS = ['sip_user', 'user_email', 'usr_uuid'];

export const extensionGetDescription: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		default: 'sip_user',
		displayOptions: { show },
		options: [
			{ name: 'SIP User', value: 'sip_user', description: 'The extension number, e.g. 100' },
			{ name: 'User Email', value: 'user_email', description: "The agent's login email" },
			{ name: 'User ID', value: 'usr_uuid', description: "The agent's user ID in OMICall" },
		],
	},
	{
		displayName: 'Value',
		name: 'lookUpValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 100',
		displayOptions: { show },
		description: 'The SIP user, email or user ID of the extension to get',
	},
	...sipPasswordProperties(show),
];

/** The lookup as the query: `type` (one of the documented three) and `keyword`. */
export async function sendExtensionLookup(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const type = String(this.getNodeParameter('lookUpBy', 'sip_user'));
	if (!LOOKUPS.includes(type)) {
		inputError(
			this,
			'Look Up By',
			`"${type.slice(0, 40)}" is not a lookup`,
			'Choose SIP User, User Email or User ID.',
		);
	}
	const keyword = idText(
		this,
		this.getNodeParameter('lookUpValue', ''),
		'Value',
		'Enter the SIP user, email or user ID of the extension.',
	);
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), type, keyword } };
}
