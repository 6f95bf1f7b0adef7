import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../transport/request';

export const contactDeleteDescription: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ad1a7e78d80b94544ab92456',
		description:
			'The OMICall ID of the contact to delete (public_id), e.g. from Contact → Get.',
		displayOptions: { show: { resource: ['contact'], operation: ['delete'] } },
	},
];

/** Puts the checked Contact ID into the URL path (`:id`). */
export const fillContactId = fillPath({
	token: 'id',
	parameter: 'contactId',
	label: 'Contact ID',
	fix: 'Enter the OMICall ID of the contact (public_id), e.g. from Contact → Get.',
});
