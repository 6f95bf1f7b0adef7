import type { INodeProperties } from 'n8n-workflow';
import { operationProperties, simplifyOutput } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import {
	createTicketOnce,
	prepareTicketCreate,
	readTicket,
	ticketCreateDescription,
} from './create';
import { ticketDeleteDescription } from './delete';
import { prepareTicketGetMany, TICKET_SIMPLE_FIELDS, ticketGetManyDescription } from './getAll';
import { fillTicketId } from './shared/locator';
import { prepareTicketStatus, ticketUpdateStatusDescription } from './updateStatus';
import { confirmedOutput, deletedOutput } from '../../shared/outputs';

// OMICall API reference §4.8 "Tickets" (Bearer auth). Create is sent at most once per node run
// (../../shared/sendOnce.ts); a `payload: false` answer is an error.
export const ticketDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'ticket',
		default: 'getAll',
		hiddenInTool: ['delete'],
		operations: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a ticket',
				description: 'Create a support ticket in a category, assigned to an agent',
				routing: {
					request: { method: 'POST', url: '/api/ticket/create' },
					send: { preSend: [prepareTicketCreate] },
					operations: { pagination: createTicketOnce },
					output: {
						postReceive: [
							confirmedOutput('ticket creation', function () {
								return { created: true, ...readTicket(this) };
							}),
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a ticket',
				description: 'Delete a ticket by its ID',
				routing: {
					request: { method: 'DELETE', url: '/api/ticket/delete/:id' },
					send: { preSend: [fillTicketId] },
					output: { postReceive: [deletedOutput('ticketId')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tickets',
				description: 'List tickets, optionally by keyword',
				routing: {
					request: { method: 'POST', url: '/api/ticket/list' },
					send: { preSend: [prepareTicketGetMany] },
					output: {
						postReceive: [omicallOutput(listItems), simplifyOutput(TICKET_SIMPLE_FIELDS)],
					},
				},
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Update the status of a ticket',
				description: 'Move a ticket to another status of its category',
				routing: {
					request: { method: 'POST', url: '/api/ticket/update_status/:id' },
					send: { preSend: [fillTicketId, prepareTicketStatus] },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
	}),
	...ticketCreateDescription,
	...ticketDeleteDescription,
	...ticketGetManyDescription,
	...ticketUpdateStatusDescription,
];
