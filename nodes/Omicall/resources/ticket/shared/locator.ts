import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';

/** The ticket of Update Status and Delete: from the ticket list, or by its `_id`. */
export function ticketLocator(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Ticket',
		name: 'ticketId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		displayOptions: { show: { resource: ['ticket'], operation: [operation] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a ticket...',
				typeOptions: { searchListMethod: 'searchTickets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 61c04292530c6a0efa4fa171',
			},
		],
	};
}

/** Puts the checked ticket ID into the URL path (`:id`). */
export const fillTicketId = fillPath({
	token: 'id',
	parameter: 'ticketId',
	label: 'Ticket',
	fix: 'Choose a ticket from the list or enter its _id, e.g. from Ticket → Get Many.',
});
