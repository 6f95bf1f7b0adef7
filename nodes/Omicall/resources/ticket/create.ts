import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { idText } from '../../transport/request';
import { sendOncePerRun } from '../../shared/sendOnce';
import { checkedEmail } from '../../shared/checks';
import { agentLocator, listLocator } from '../../shared/locators';

const show = { resource: ['ticket'], operation: ['create'] };

export const ticketCreateDescription: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Customer reports a problem with order #1024',
		description: 'Title of the ticket',
		displayOptions: { show },
	},
	listLocator({
		name: 'ticketCategory',
		displayName: 'Category',
		description: 'The ticket category (ticket_category_id)',
		searchListMethod: 'searchTicketCategories',
		listPlaceholder: 'Select a category...',
		typed: 'id',
		show,
	}),
	{
		...agentLocator('assignee', show, 'The agent the ticket is assigned to (sent as their email)'),
		displayName: 'Assignee',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. The customer received a product in the wrong color',
		displayOptions: { show },
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		default: 'medium',
		options: [
			{ name: 'High', value: 'high' },
			{ name: 'Low', value: 'low' },
			{ name: 'Medium', value: 'medium' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Created By Email',
				name: 'createdBy',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent@example.com',
				description: 'Email of the agent shown as creator (created_by); empty: the administrator',
			},
			{
				displayName: 'Type Name or ID',
				name: 'typeUuid',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getTicketTypes',
					loadOptionsDependsOn: ['ticketCategory.value'],
				},
				default: '',
				description:
					'A type of the chosen category (type_uuid). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

/** The create body of this item, checked. */
export function readTicket(ctx: IExecuteSingleFunctions): IDataObject {
	const name = asText(ctx.getNodeParameter('name', ''));
	if (!name) inputError(ctx, 'Name', 'is empty', 'Enter a title for the ticket.');
	const category = idText(
		ctx,
		ctx.getNodeParameter('ticketCategory', '', { extractValue: true }),
		'Category',
		'Choose a category from the list or enter its _id (Ticket Category → Get Many).',
	);
	const assignee = checkedEmail(
		ctx,
		ctx.getNodeParameter('assignee', '', { extractValue: true }),
		'Assignee',
	);
	const priority = asText(ctx.getNodeParameter('priority', 'medium')) || 'medium';
	if (!['low', 'medium', 'high'].includes(priority)) {
		inputError(
			ctx,
			'Priority',
			`"${priority.slice(0, 20)}" is not low, medium or high`,
			'Choose High, Low or Medium.',
		);
	}
	const body: IDataObject = {
		name,
		description: asText(ctx.getNodeParameter('description', '')),
		priority,
		assignee,
		ticket_category_id: category,
	};
	const more = ctx.getNodeParameter('additionalFields', {}) as IDataObject;
	if (asText(more.createdBy))
		body.created_by = checkedEmail(ctx, more.createdBy, 'Created By Email');
	if (asText(more.typeUuid)) {
		body.type_uuid = idText(ctx, more.typeUuid, 'Type', 'Choose a type of the category.');
	}
	return body;
}

export async function prepareTicketCreate(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: readTicket(this) };
}

/** Sends the create once per node run: Retry On Fail never creates the ticket twice. */
export const createTicketOnce = sendOncePerRun(
	'omicall-ticket-create',
	'Ticket',
	'Look for it with Ticket → Get Many (keyword: the assignee or the ticket title) before creating it again.',
);
