import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { asText } from '../../shared/input';
import { compact } from '../transport/request';
import { digitsOf } from './callListEntry';
import type { OrderEntry, SkippedEntry } from './numbersInput';

/**
 * The output items of the operations that send numbers: one per order (imported or not, with
 * NXCLOUD's reason), one per number found imported before, one per repeat left out.
 */

export interface OrderResult {
	entry?: OrderEntry;
	item: INodeExecutionData;
}

/** The output fields of an order (without its script variables). */
export function orderFields(entry: OrderEntry): IDataObject {
	const order = { ...entry.order };
	delete order.params;
	return order;
}

/**
 * One output item per order of a request: whether it was imported, and the reason when it was not
 * (errList entries, matched by orderID when given, otherwise by phone). errList entries that match
 * no order are output as they are, so none is lost.
 */
export function orderResults(
	entries: OrderEntry[],
	answer: IDataObject,
	userTaskID: string,
	taskID: unknown,
): OrderResult[] {
	const errList = (Array.isArray(answer.errList) ? answer.errList : []) as IDataObject[];
	const rejected = new Map<OrderEntry, IDataObject>();
	const unmatched: IDataObject[] = [];
	for (const error of errList) {
		const open = entries.filter((entry) => !rejected.has(entry));
		const orderID = asText(error.orderID ?? error.orderId);
		const phone = digitsOf(error.phone ?? error.userPhone);
		const target =
			(orderID ? open.find((entry) => entry.order.orderID === orderID) : undefined) ??
			(phone ? open.find((entry) => entry.order.userPhone === phone) : undefined);
		if (target) rejected.set(target, error);
		else unmatched.push(error);
	}
	const base = { userTaskID, taskID: taskID as string | undefined };
	const results: OrderResult[] = entries.map((entry) => {
		const error = rejected.get(entry);
		return {
			entry,
			item: {
				json: compact({
					...base,
					...orderFields(entry),
					imported: !error,
					errMsg: error ? String(error.errMsg ?? error.msg ?? error.message ?? '') : undefined,
					responseID: answer.responseID as string | undefined,
				}),
				pairedItem: { item: entry.itemIndex },
			},
		};
	});
	for (const error of unmatched) {
		results.push({
			item: {
				json: compact({
					...base,
					imported: false,
					...error,
					responseID: answer.responseID as string | undefined,
				}),
				pairedItem: { item: entries[0].itemIndex },
			},
		});
	}
	return results;
}

/** An order found in the task before anything was sent: imported by an earlier attempt or run. */
export function alreadyImported(entry: OrderEntry, userTaskID: string): OrderResult {
	return {
		entry,
		item: {
			json: { userTaskID, ...orderFields(entry), imported: true, alreadyImported: true },
			pairedItem: { item: entry.itemIndex },
		},
	};
}

/** Output items of the repeats left out ("Duplicate Numbers: Call Once"). */
export function skippedItems(skipped: SkippedEntry[]): INodeExecutionData[] {
	return skipped.map((entry) => ({
		json: compact({
			userTaskID: entry.taskId || undefined,
			phone: entry.phone,
			skipped: true,
			reason: 'duplicate',
			duplicateOfItem: entry.duplicateOfItem,
		}),
		pairedItem: { item: entry.itemIndex },
	}));
}
