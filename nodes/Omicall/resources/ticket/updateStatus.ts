import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { ticketLocator } from './shared/locator';

/**
 * Ticket → Update Status: `POST /api/ticket/update_status/:id_status`. The reference gives only
 * the path and no body; OMICall's page describes `:id_status` as "Id", a string, and answers with
 * the updated ticket. Read here (inferred): `:id_status` is the ticket's ID, and the new status is
 * sent in the body, under both names a status has (`status`, and `current_status` as tickets
 * show it), as a number when it is one (tickets show `current_status: 1`; a category's statuses
 * carry an `index`).
 */

const show = { resource: ['ticket'], operation: ['updateStatus'] };

export const ticketUpdateStatusDescription: INodeProperties[] = [
	ticketLocator(
		'updateStatus',
		'The ticket whose status changes; its ID goes into the URL (:id_status, described by OMICall only as "Id")',
	),
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description:
			"The new status: its index in the category's status set (Ticket Category → Get Many, ticketStatusSet.status[].index; tickets show it as current_status). Sent as status and current_status, a number when it is one: OMICall does not document this body (inferred).",
		displayOptions: { show },
	},
];

export async function prepareTicketStatus(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const raw = this.getNodeParameter('status', '');
	const text = typeof raw === 'object' && raw !== null ? '' : asText(raw);
	if (!text || text.length > 64) {
		inputError(
			this,
			'Status',
			text ? 'is too long' : 'is empty',
			'Enter the index of the new status, e.g. 1.',
		);
	}
	const status = /^\d+$/.test(text) ? Number(text) : text;
	const body: IDataObject = { status, current_status: status };
	return { ...requestOptions, body };
}
