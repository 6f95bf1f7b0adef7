import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	IPairedItemData,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { groupBy, parameterForItem } from '../../../shared/items';
import { chunk, planForItems } from '../../../shared/plan';
import {
	checkedId,
	MAX_ORDER_IDS_PER_REQUEST,
	PRODUCT_ID,
	requiredTaskId,
	splitList,
	taskIdField,
} from '../../shared/descriptions';
import {
	callEndpoint,
	callEndpointRows,
	compact,
	recallPlan,
	rememberPlan,
} from '../../transport/request';
import { asNodeError } from '../../transport/errors';
import { taskIdForItem } from './add';

/**
 * Operations on given orders (stopOrder, listOrderDetail): the order IDs come one per input item
 * (one request set for all items, grouped by task) or as a list per item. Requests carry at most
 * 500 order IDs: documented for listOrderDetail (retCode 4001 above), assumed for stopOrder.
 */

const show = { resource: ['order'], operation: ['stop', 'getDetails'] };

export const orderIdsDescription: INodeProperties[] = [
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
	{
		displayName: 'Delete Undialed Numbers',
		name: 'deleteUndialed',
		type: 'boolean',
		default: false,
		description:
			'Whether to also delete the data of the calls not made yet (delCall). Stopping cannot be undone either way.',
		displayOptions: { show: { resource: ['order'], operation: ['stop'] } },
	},
];

interface IdEntry {
	itemIndex: number;
	taskId: string;
	orderId: string;
}

/** One order ID of a request, with every input item that named it. */
interface OrderTarget {
	orderId: string;
	pairedItem: IPairedItemData | IPairedItemData[];
}

interface IdsPlan {
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
	if (!entries) return requestOptions;
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
	return rememberPlan(
		{ ...requestOptions, body: { productID: PRODUCT_ID, userTaskID: groups[0].userTaskID } },
		{
			groups,
		} as IdsPlan,
	);
}

/**
 * Runs `send` for every group's orders, 500 per request. When a request fails: with Continue On
 * Fail, the orders of that request and the later ones get an error item each (paired to the items
 * that named them) and the other groups go on; without it, the error says how many orders were
 * done (`verb`) before it.
 */
async function forEachChunk(
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

/** stopOrder for every group, 500 order IDs per request; one output item per order. */
export async function stopOrders(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = recallPlan<IdsPlan>(requestData.options);
	if (!plan) return [];
	const delCall = this.getNodeParameter('deleteUndialed', false) === true ? 1 : 0;
	return await forEachChunk(this, plan, 'stopped', async (userTaskID, entries) => {
		const results: INodeExecutionData[] = [];
		const answer = await callEndpoint(this, requestData, 'stopOrder', {
			productID: PRODUCT_ID,
			userTaskID,
			orderIDs: entries.map((entry) => entry.orderId),
			delCall,
		});
		const errors = new Map<string, IDataObject>();
		const unmatched: IDataObject[] = [];
		for (const error of (Array.isArray(answer.errList) ? answer.errList : []) as IDataObject[]) {
			const orderId = asText(error.orderID ?? error.orderId);
			if (entries.some((entry) => entry.orderId === orderId) && !errors.has(orderId))
				errors.set(orderId, error);
			else unmatched.push(error);
		}
		const responseID = answer.responseID as string | undefined;
		for (const entry of entries) {
			const error = errors.get(entry.orderId);
			results.push({
				json: compact({
					userTaskID,
					orderID: entry.orderId,
					stopped: !error,
					errMsg: error ? asText(error.errMsg ?? error.msg) : undefined,
					responseID,
				}),
				pairedItem: entry.pairedItem,
			});
		}
		for (const error of unmatched) {
			results.push({
				json: compact({ userTaskID, stopped: false, ...error, responseID }),
				pairedItem: entries[0].pairedItem,
			});
		}
		return results;
	});
}

/**
 * listOrderDetail for every group, 500 order IDs per request (documented maximum), results joined.
 * An order NXCLOUD does not return gets an item `found: false`, so no input item vanishes.
 */
export async function orderDetails(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = recallPlan<IdsPlan>(requestData.options);
	if (!plan) return [];
	return await forEachChunk(this, plan, 'read', async (userTaskID, entries) => {
		const results: INodeExecutionData[] = [];
		const rows = await callEndpointRows(this, requestData, 'listOrderDetail', {
			productID: PRODUCT_ID,
			userTaskID,
			orderList: entries.map((entry) => entry.orderId),
		});
		const found = new Set<string>();
		for (const row of rows) {
			const orderId = asText(row.json.orderID);
			found.add(orderId);
			const match = entries.find((entry) => entry.orderId === orderId);
			results.push({ ...row, pairedItem: (match ?? entries[0]).pairedItem });
		}
		for (const entry of entries) {
			if (found.has(entry.orderId)) continue;
			results.push({
				json: { userTaskID, orderID: entry.orderId, found: false },
				pairedItem: entry.pairedItem,
			});
		}
		return results;
	});
}
