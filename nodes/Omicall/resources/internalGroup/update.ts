import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import {
	groupBody,
	internalGroupLocator,
	sipUsersField,
	strategyDescription,
	strategyOptions,
	timeoutDescription,
} from './shared/groupFields';

const show = { resource: ['internalGroup'], operation: ['update'] };

export const internalGroupUpdateDescription: INodeProperties[] = [
	internalGroupLocator(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Name',
				name: 'groupName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales',
			},
			{
				...sipUsersField('sipMembers', 'Members'),
				description:
					'The complete list of members (it replaces the current one). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Strategy',
				name: 'strategy',
				type: 'options',
				default: 'rollover',
				options: strategyOptions,
				description: strategyDescription,
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: timeoutDescription,
			},
			{
				displayName: 'Timeout Target',
				name: 'targetTimeout',
				type: 'string',
				default: '',
				placeholder: 'e.g. 64915bc76a690c0edad14723',
				description:
					'ID of the recording, IVR menu or ring group that takes a call nobody answered in time',
			},
			{
				displayName: 'Timeout Target Type',
				name: 'targetTimeoutType',
				type: 'options',
				default: 'Ring_group',
				options: [
					{ name: 'IVR Menu', value: 'Ivr_menu' },
					{ name: 'Recording', value: 'Recording' },
					{ name: 'Ring Group', value: 'Ring_group' },
				],
				description: 'What Timeout Target is',
			},
		],
	},
];

/**
 * The checked body of the fields set. OMICall does not document whether fields left out keep
 * their value; only the fields set are sent.
 */
export async function prepareInternalGroupUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = groupBody(this, this.getNodeParameter('updateFields', {}) as IDataObject);
	if (!Object.keys(body).length) {
		inputError(this, 'Update Fields', 'are empty', 'Add at least one field to change.');
	}
	return { ...requestOptions, body };
}
