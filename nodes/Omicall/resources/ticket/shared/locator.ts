import type { INodeProperties } from 'n8n-workflow';
import { fillPath } from '../../../transport/request';
import { listLocator } from '../../../shared/locators';

/** The ticket of Update Status and Delete: from the ticket list, or by its `_id`. */
export function ticketLocator(operation: string, description: string): INodeProperties {
	return listLocator({
		name: 'ticketId',
		displayName: 'Ticket',
		description,
		searchListMethod: 'searchTickets',
		listPlaceholder: 'Select a ticket...',
		typed: 'id',
		show: { resource: ['ticket'], operation: [operation] },
	});
}

/** Puts the checked ticket ID into the URL path (`:id`). */
export const fillTicketId = fillPath({
	token: 'id',
	parameter: 'ticketId',
	label: 'Ticket',
	fix: 'Choose a ticket from the list or enter its _id, e.g. from Ticket → Get Many.',
});
