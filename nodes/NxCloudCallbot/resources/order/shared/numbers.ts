import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { callPurposeProperties } from '../../../../shared/compliance/fields';
import { planCompliance, screenOrders } from '../../../shared/advertising';
import { taskIdField } from '../../../shared/ids';
import { contactsSourceField, numbersFields, numbersOptions } from '../../../shared/numbersFields';
import { numbersPerRequest, orderCallbacks } from '../../../shared/numbersInput';
import { withNoPlan, withPlan } from '../../../../shared/plan';
import { collectOrders, groupsByTask, planSet, type ImportPlan } from '../../../shared/orderPlan';
import type { ImportKind } from '../../../shared/orderSending';
import { taskIdForItem } from './task';

/**
 * Order → Add and Replace Latest Batch: their fields (the same for both) and their preSend, which
 * differ only in the first request (addBatchCall or importBatchCall). The path from the numbers to
 * the requests: ../../../shared/orderPlan.ts.
 */

const show = { resource: ['order'], operation: ['add', 'replaceBatch'] };

/** The output note of advertising numbers: this operation does not set the task's hours. */
const TASK_HOURS_NOTE =
	"The task's own dialing hours apply (Order → Add and Replace Latest Batch do not set them): keep them within 08:00–17:00 Vietnam time.";

export const orderNumbersDescription: INodeProperties[] = [
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
	...callPurposeProperties(show),
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
		if (!orders) return withNoPlan(requestOptions);
		return planSet(this, requestOptions, orders, () => {
			// Decree 91 (advertising): the window now (the task's own dialing hours apply after that),
			// each number screened with its task and order as its campaign (../../../shared/advertising.ts).
			const screened = screenOrders(
				this,
				orders.entries,
				(entry) => `${entry.taskId}/${String(entry.order.orderID)}`,
				Date.now(),
			);
			return withPlan<ImportPlan>(requestOptions, {
				kind,
				numbersPerRequest: numbersPerRequest(this),
				groups: groupsByTask(screened.entries, orderCallbacks(this)),
				skipped: orders.skipped,
				compliance: planCompliance(orders.entries, screened.leftOut, (settings) =>
					settings.agreedToOtherHours ? {} : { dialingHours: TASK_HOURS_NOTE },
				),
			});
		});
	};
}
