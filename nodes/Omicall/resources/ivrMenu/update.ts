import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { ivrBody, ivrCollection, ivrMenuLocator, ivrUpdateOptions } from './shared/ivrFields';

const show = { resource: ['ivrMenu'], operation: ['update'] };

export const ivrMenuUpdateDescription: INodeProperties[] = [
	ivrMenuLocator(show),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: ivrUpdateOptions,
	},
];

/**
 * The checked body of the fields set. OMICall does not document whether fields left out keep
 * their value; only the fields set are sent.
 */
export async function prepareIvrMenuUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = ivrCollection(this, 'updateFields');
	const body = ivrBody(this, fields);
	if (!Object.keys(body).length) {
		inputError(this, 'Update Fields', 'are empty', 'Add at least one field to change.');
	}
	return { ...requestOptions, body };
}
