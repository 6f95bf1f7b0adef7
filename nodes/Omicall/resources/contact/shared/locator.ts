import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { listLocator } from '../../../shared/locators';

/** The contact of Get (Find By Contact ID) and Delete: from the contact list, or by OMICall ID. */
export function contactLocator(
	show: IDisplayOptions['show'],
	description: string,
): INodeProperties {
	return listLocator({
		name: 'contactId',
		displayName: 'Contact',
		description,
		searchListMethod: 'searchContacts',
		listPlaceholder: 'Select a contact...',
		typed: 'id',
		show,
	});
}

export const CONTACT_ID_FIX =
	'Choose a contact from the list or enter its OMICall ID (public_id), e.g. from Contact → Get Many.';
