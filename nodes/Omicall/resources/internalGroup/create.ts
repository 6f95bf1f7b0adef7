import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	groupBody,
	sipUsersField,
	strategyDescription,
	strategyOptions,
	timeoutDescription,
} from './shared/groupFields';

const show = { resource: ['internalGroup'], operation: ['create'] };

export const internalGroupCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'groupName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Sales',
		displayOptions: { show },
	},
	{
		displayName: 'Strategy',
		name: 'strategy',
		type: 'options',
		default: 'rollover',
		options: strategyOptions,
		displayOptions: { show },
		description: strategyDescription,
	},
	sipUsersField('sipMembers', 'Members', show),
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		displayOptions: { show },
		description: timeoutDescription,
	},
];

/** The checked body: `{group_name, strategy, sip_members[], timeout}`. */
export async function prepareInternalGroupCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields: IDataObject = {};
	for (const name of ['groupName', 'strategy', 'sipMembers', 'timeout']) {
		fields[name] = this.getNodeParameter(name, '') as IDataObject[string];
	}
	return { ...requestOptions, body: groupBody(this, fields) };
}
