import type {
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { inputError } from '../../../../shared/input';
import { groupBy, parameterForItem } from '../../../../shared/items';
import { splitList } from '../../../../shared/lists';
import { chunk, planForItems, withNoPlan, withPlan } from '../../../../shared/plan';
import { MAX_ORDER_IDS_PER_REQUEST } from '../../../shared/constants';
import { checkedId, requiredTaskId, taskIdField } from '../../../shared/ids';
import { asNodeError } from '../../../transport/errors';
import { compact } from '../../../transport/request';
import { taskIdForItem } from './task';

/**
 * Operations on given orders (stopOrder, listOrderDetail): the order IDs come one per input item
 * (one request set for all items, grouped by task) or as a list per item. Requests carry at most
 * 500 order IDs: documented for listOrderDetail (retCode 4001 above), assumed for stopOrder.
 */

const show = { resource: ['order'], operation: ['stop', 'getDetails'] };

export const orderIdsFields: INodeProperties[] = [
	taskIdField(
		show,
		'Your ID of the task (userTaskID). In "One Order ID per Input Item" mode each item may name its own task: the orders are grouped by task.',
	),
	{
		displayName: 'Order IDs Source',
		name: 'orderIdsSource',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		displayOptions: { show },
		options: [
			{
				name: 'One Order ID per Input Item',
				value: 'items',
				description: 'Send the order IDs of all input items together, grouped by task',
			},
			{
				name: 'List',
				value: 'list',
				description: 'Send the order IDs listed for each input item separately',
			},
		],
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '={{ $json.orderID }}',
		placeholder: 'e.g. crm-order-0001',
		description: 'Your ID of the order (orderID) of this item',
		displayOptions: { show: { ...show, orderIdsSource: ['items'] } },
	},
	{
		displayName: 'Order IDs',
		name: 'orderIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. crm-order-0001, crm-order-0002',
		description:
			'Your order IDs (orderID): comma-separated, or an array from an expression. More than 500 are sent in several requests.',
		displayOptions: { show: { ...show, orderIdsSource: ['list'] } },
	},
];

interface IdEntry {
	itemIndex: number;
	taskId: string;
	orderId: string;
}

/** One order ID of a request, with every input item that named it. */
export interface OrderTarget {
	orderId: string;
	pairedItem: IPairedItemData | IPairedItemData[];
}

export interface IdsPlan {
	groups: Array<{ userTaskID: string; entries: OrderTarget[] }>;
}

function collectOrderIds(ctx: IExecuteSingleFunctions): IdEntry[] | undefined {
	if (ctx.getNodeParameter('orderIdsSource', 'items') === 'items') {
		const plan = planForItems(ctx, 'nxcloud.orderIds', (itemIndex) => {
			const taskId = taskIdForItem(ctx, itemIndex);
			const orderId = checkedId(
				ctx,
				parameterForItem(ctx, 'orderId', itemIndex, ''),
				'Order ID',
				itemIndex,
			);
			if (!orderId)
				inputError(
					ctx,
					'Order ID',
					'is empty',
					'Map the order ID of each item, e.g. {{ $json.orderID }}.',
					itemIndex,
				);
			return { itemIndex, taskId, orderId };
		});
		return plan.leader ? plan.entries.map((entry) => entry.value) : undefined;
	}
	const itemIndex = ctx.getItemIndex();
	const taskId = requiredTaskId(ctx);
	const raw = ctx.getNodeParameter('orderIds', '') as unknown;
	const ids = (Array.isArray(raw) ? raw : splitList(raw)).map((id) =>
		checkedId(ctx, id, 'Order IDs', itemIndex),
	);
	if (!ids.length || ids.some((id) => !id))
		inputError(ctx, 'Order IDs', 'is empty', 'Enter at least one order ID.');
	return ids.map((orderId) => ({ itemIndex, taskId, orderId }));
}

/**
 * Groups the order IDs by task, each order once; an order named by several input items is paired
 * with all of them, so none of them goes without output.
 */
export async function prepareOrderIds(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const entries = collectOrderIds(this);
	if (!entries) return withNoPlan(requestOptions);
	const groups = groupBy(entries, (entry) => entry.taskId).map(({ key, entries: grouped }) => ({
		userTaskID: key,
		entries: groupBy(grouped, (entry) => entry.orderId).map(
			({ key, entries: named }): OrderTarget => ({
				orderId: key,
				pairedItem:
					named.length === 1
						? { item: named[0].itemIndex }
						: named.map((entry) => ({ item: entry.itemIndex })),
			}),
		),
	}));
	return withPlan<IdsPlan>(requestOptions, { groups });
}

/**
 * Runs `send` for every group's orders, 500 per request. When a request fails: with Continue On
 * Fail, the orders of that request and the later ones get an error item each (paired to the items
 * that named them) and the other groups go on; without it, the error says how many orders were
 * done (`verb`) before it.
 */
export async function forEachChunk(
	ctx: IExecutePaginationFunctions,
	plan: IdsPlan,
	verb: string,
	send: (userTaskID: string, entries: OrderTarget[]) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	const total = plan.groups.reduce((sum, group) => sum + group.entries.length, 0);
	let done = 0;
	for (const group of plan.groups) {
		const parts = chunk(group.entries, MAX_ORDER_IDS_PER_REQUEST);
		for (const [index, entries] of parts.entries()) {
			try {
				results.push(...(await send(group.userTaskID, entries)));
				done += entries.length;
			} catch (caught) {
				const failure = asNodeError(ctx.getNode(), caught, ctx.getItemIndex());
				if (!ctx.continueOnFail()) {
					failure.description = [
						failure.description,
						`${done} of ${total} orders had been ${verb} before this error (task ${group.userTaskID}); running the node again for the same orders is harmless.`,
					]
						.filter(Boolean)
						.join(' ');
					throw failure;
				}
				for (const target of parts.slice(index).flat()) {
					results.push({
						json: compact({
							userTaskID: group.userTaskID,
							orderID: target.orderId,
							error: failure.message,
							errorDescription: failure.description ?? undefined,
						}),
						pairedItem: target.pairedItem,
					});
				}
				break;
			}
		}
	}
	return results;
}
