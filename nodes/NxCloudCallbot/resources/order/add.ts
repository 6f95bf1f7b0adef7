import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/input';
import { parameterForItem } from '../../../shared/items';
import { checkedId, TASK_ID_FIX, taskIdField } from '../../shared/descriptions';
import {
	collectOrders,
	contactsSourceField,
	groupsByTask,
	numbersOptions,
	numbersPerRequest,
	numbersFields,
	orderCallbacks,
	planImport,
	planSet,
	type ImportKind,
} from '../../shared/orders';

const show = { resource: ['order'], operation: ['add', 'replaceBatch'] };

export const orderAddDescription: INodeProperties[] = [
	taskIdField(
		show,
		'Your ID of the task (userTaskID). In "One Number per Input Item" mode each item may name its own task: the numbers are grouped by task.',
	),
	contactsSourceField(
		show,
		'Send the numbers of all input items together, grouped by task; map each item to a number with expressions',
		'Send the numbers of each input item separately',
	),
	// The callback and contact fields of Order → Add, Replace Latest Batch and Task → Create and Call.
	...numbersFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: numbersOptions,
	},
];

/** The task of one item, read for any item ("One Number per Input Item" mode). */
export function taskIdForItem(ctx: IExecuteSingleFunctions, itemIndex: number): string {
	const value = checkedId(
		ctx,
		parameterForItem(ctx, 'taskId', itemIndex, ''),
		'Task ID',
		itemIndex,
	);
	if (!value) inputError(ctx, 'Task ID', 'is empty', TASK_ID_FIX, itemIndex);
	return value;
}

/** Plans addBatchCall ('add') or importBatchCall followed by addBatchCall ('replace'). */
export function prepareAddOrders(kind: ImportKind) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Each item's task, read for any item: in "One Number per Input Item" mode every item may name
		// its own task; in the other modes every item's numbers are read once per run (to find a
		// number an earlier item sends), each with its own task.
		const orders = collectOrders(this, (itemIndex) => taskIdForItem(this, itemIndex));
		if (!orders) return requestOptions;
		return planSet(this, requestOptions, orders, () =>
			planImport(requestOptions, {
				kind,
				numbersPerRequest: numbersPerRequest(this),
				groups: groupsByTask(orders.entries, orderCallbacks(this)),
				skipped: orders.skipped,
			}),
		);
	};
}
