import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { idText } from '../../transport/request';
import { contactBody, contactOptionalFields, phonesField } from './shared/fields';

const show = { resource: ['contact'], operation: ['update'] };

export const contactUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Partner ID',
		name: 'refId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 10025',
		description:
			'The Partner ID (refId) the contact was created with. OMICall finds the contact to update by it: its update takes the same fields as create and names no other key (inferred).',
		displayOptions: { show },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: (
			[
				...contactOptionalFields,
				{
					displayName: 'Full Name',
					name: 'fullName',
					type: 'string',
					default: '',
					placeholder: 'e.g. Tran Van Tien',
				},
				phonesField,
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

/** The update body of this item: the Partner ID and the fields to change. */
export function readContactUpdate(ctx: IExecuteSingleFunctions): IDataObject {
	const refId = idText(
		ctx,
		ctx.getNodeParameter('refId', ''),
		'Partner ID',
		'Enter the Partner ID (refId) the contact was created with.',
	);
	const fields = contactBody(
		ctx,
		{},
		ctx.getNodeParameter('updateFields', {}) as IDataObject,
		ctx.getItemIndex(),
	);
	if (!Object.keys(fields).length) {
		inputError(ctx, 'Update Fields', 'are empty', 'Add at least one field to change.');
	}
	return { ...fields, refId };
}

export async function prepareContactUpdate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: readContactUpdate(this) };
}
