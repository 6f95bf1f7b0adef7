import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { splitList } from '../../../shared/lists';

export const callUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['call'], operation: ['update'] } },
		options: [
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'e.g. The customer asked to be called back later',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, goilaisau',
				description: 'Tag names to set on the call (comma-separated)',
			},
		],
	},
];

export async function prepareCallUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.tags !== undefined) body.tag = splitList(fields.tags);
	if (fields.note !== undefined) body.note = fields.note;
	if (!Object.keys(body).length) {
		inputError(this, 'Update Fields', 'are empty', 'Add Tags or Note to update.');
	}
	return { ...requestOptions, body };
}
