import type { INodeProperties } from 'n8n-workflow';

/** The contact of Get (Find By Contact ID) and Delete: from the contact list, or by OMICall ID. */
export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contact...',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ad1a7e78d80b94544ab92456',
		},
	],
};

export const CONTACT_ID_FIX =
	'Choose a contact from the list or enter its OMICall ID (public_id), e.g. from Contact → Get Many.';
