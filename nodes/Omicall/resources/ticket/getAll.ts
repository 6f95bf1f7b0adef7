import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';
import { keywordFilters } from '../../shared/descriptions';

const show = { resource: ['ticket'], operation: ['getAll'] };

/** The fields Simplify keeps of a ticket. */
export const TICKET_SIMPLE_FIELDS = [
	'_id',
	'unique_id',
	'name',
	'description',
	'priority',
	'current_status',
	'is_expired',
	'created_date',
	'last_updated_date',
];

export const ticketGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(show, 'e.g. 2188', 'Ticket number, assignee or related agent to search for', {
		inBody: true,
	}),
	...simplifyProperties(show),
];

/** The list body: `{keyword}`. */
export async function prepareTicketGetMany(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	return { ...requestOptions, body: { keyword: asText(filters.keyword) } };
}
