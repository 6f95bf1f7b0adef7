import type { INodeProperties } from 'n8n-workflow';
import { operationProperties, simplifyOutput } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { CATEGORY_SIMPLE_FIELDS, ticketCategoryGetManyDescription } from './getAll';

// OMICall API reference §4.8 "Tickets": GET /api/ticket/category/get_all (a plain array).
export const ticketCategoryDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'ticketCategory',
		default: 'getAll',
		operations: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many ticket categories',
				description: 'List the ticket categories with their types and statuses',
				routing: {
					request: { method: 'GET', url: '/api/ticket/category/get_all' },
					output: {
						postReceive: [omicallOutput(listItems), simplifyOutput(CATEGORY_SIMPLE_FIELDS)],
					},
				},
			},
		],
	}),
	...ticketCategoryGetManyDescription,
];
