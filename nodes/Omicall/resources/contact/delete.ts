import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../transport/request';
import { CONTACT_ID_FIX, contactLocator } from './shared/locator';

export const contactDeleteDescription: INodeProperties[] = [
	contactLocator(
		{ resource: ['contact'], operation: ['delete'] },
		'The contact to delete (DELETE /api/contacts/delete/:id)',
	),
];

/** Puts the checked Contact ID into the URL path (`:id`). */
export const fillContactId = fillPath({
	token: 'id',
	parameter: 'contactId',
	label: 'Contact',
	fix: CONTACT_ID_FIX,
});
