import type { INodeProperties } from 'n8n-workflow';
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

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				action: 'Add numbers to a task',
				description: 'Add numbers (orders) to an existing task',
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
				action: 'Get details of orders',
				description: 'Get every call of the given orders',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listOrderDetail` },
					send: { preSend: [prepareOrderIds], paginate: true },
					operations: { pagination: orderDetails },
					output: { postReceive: [rowsOutput('orderDetailList', 'orderList')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'Get the orders of a task, each with its last call',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listOrder` },
					send: { preSend: [prepareCallList('order')], paginate: true },
					operations: { pagination: paginateBody },
					output: { postReceive: [rowsOutput('orderList', 'orders', 'orderDetailList')] },
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
				description: 'Stop the calls not made yet for the given orders (cannot be undone)',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/stopOrder` },
					send: { preSend: [prepareOrderIds], paginate: true },
					operations: { pagination: stopOrders },
					output: { postReceive: [nxOutput()] },
				},
			},
		],
		default: 'add',
	},
	// Add and Replace Latest Batch.
	...orderNumbersDescription,
	// Stop and Get Details, then Stop's own.
	...orderIdsFields,
	...orderStopDescription,
	...orderGetAllDescription,
];
