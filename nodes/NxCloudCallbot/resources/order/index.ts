import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { simplifyCallRows } from '../../shared/simplify';
import { prepareCallList } from '../../shared/callFilters';
import { NXCLOUD_API } from '../../transport/request';
import { sendOrders } from '../../shared/orderPlan';
import { nxOutput, rowsOutput } from '../../transport/output';
import { paginateBody } from '../../transport/pagination';
import { prepareAdd } from './add';
import { orderDetails } from './getDetails';
import { orderGetAllDescription } from './getAll';
import { prepareReplaceBatch } from './replaceBatch';
import { orderIdsFields, prepareOrderIds } from './shared/orderIds';
import { orderNumbersDescription } from './shared/numbers';
import { orderStopDescription, stopOrders } from './stop';

/**
 * Hidden from AI agents (docs/ai-agents.md): Replace Latest Batch (it deletes the numbers of the
 * previous batch not dialed yet) and Stop (it cannot be undone).
 */
export const orderDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'order',
		default: 'add',
		hiddenInTool: ['replaceBatch', 'stop'],
		operations: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add orders (numbers to call) to a task',
				description:
					'Add phone numbers to call to an existing task, one order per number; returns the order IDs. Never dials a number twice on a retry.',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/addBatchCall` },
					send: { preSend: [prepareAdd], paginate: true },
					operations: { pagination: sendOrders },
					output: { postReceive: [nxOutput()] },
				},
			},
			{
				name: 'Get Details',
				value: 'getDetails',
				action: 'Get order details',
				description:
					'Get the orders with these IDs with every call made for each (status, duration, recording, intents). Needs the task and the order IDs.',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listOrderDetail` },
					send: { preSend: [prepareOrderIds], paginate: true },
					operations: { pagination: orderDetails },
					output: {
						postReceive: [rowsOutput('orderDetailList', 'orderList'), simplifyCallRows],
					},
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description:
					'List the orders (numbers to call) of a task, each with its last call and whether it is finished. Needs the task.',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listOrder` },
					send: { preSend: [prepareCallList('order')], paginate: true },
					operations: { pagination: paginateBody },
					output: {
						postReceive: [rowsOutput('orderList', 'orders', 'orderDetailList'), simplifyCallRows],
					},
				},
			},
			{
				name: 'Replace Latest Batch',
				value: 'replaceBatch',
				action: 'Replace the latest batch of a task',
				description:
					'Import numbers as a new batch: numbers of the previous batch not dialed yet are deleted',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/importBatchCall` },
					send: { preSend: [prepareReplaceBatch], paginate: true },
					operations: { pagination: sendOrders },
					output: { postReceive: [nxOutput()] },
				},
			},
			{
				name: 'Stop',
				value: 'stop',
				action: 'Stop orders',
				description: 'Stop the calls not made yet for the orders with these IDs (cannot be undone)',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/stopOrder` },
					send: { preSend: [prepareOrderIds], paginate: true },
					operations: { pagination: stopOrders },
					output: { postReceive: [nxOutput()] },
				},
			},
		],
	}),
	// Add and Replace Latest Batch.
	...orderNumbersDescription,
	// Stop and Get Details, then Stop's own.
	...orderIdsFields,
	...orderStopDescription,
	...orderGetAllDescription,
];
