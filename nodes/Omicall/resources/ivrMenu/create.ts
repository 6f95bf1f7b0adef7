import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { ivrBody, ivrCollection, keysField, optionalIvrFields } from './shared/ivrFields';
import { greetingLocator } from '../../shared/locators';

const show = { resource: ['ivrMenu'], operation: ['create'] };

export const ivrMenuCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'scriptName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Main menu',
		displayOptions: { show },
	},
	greetingLocator('greeting', 'Greeting', show, 'The greeting played when the menu starts'),
	{ ...keysField, displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: optionalIvrFields,
	},
];

/** The checked body: script_name, greeting_id, scripts[] and the additional fields set. */
export async function prepareIvrMenuCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields: IDataObject = {
		...ivrCollection(this, 'additionalFields'),
		scriptName: this.getNodeParameter('scriptName', ''),
		greeting: this.getNodeParameter('greeting', '', { extractValue: true }),
		keys: this.getNodeParameter('keys', {}),
	};
	return { ...requestOptions, body: ivrBody(this, fields) };
}
