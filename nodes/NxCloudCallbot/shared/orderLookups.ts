import type { DeclarativeRestApiSettings, IExecutePaginationFunctions } from 'n8n-workflow';
import { chunk } from '../../shared/plan';
import { asText } from '../../shared/input';
import { callEndpoint } from '../transport/request';
import { findRows } from '../transport/output';
import { digitsOf } from './callListEntry';
import { MAX_ORDER_IDS_PER_REQUEST, PRODUCT_ID } from './constants';
import type { OrderEntry } from './numbersInput';
import type { OrderResult } from './orderOutput';

/**
 * Looking orders up in their task (listOrderDetail) while sending numbers: whether an order NXCLOUD
 * rejected, or did not count, or a retry is about to send again, is already in the task with its
 * number.
 */

/**
 * The given order IDs that exist in the task, each with its number (listOrderDetail, 500 IDs per
 * request).
 */
export async function existingOrders(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	orderIDs: string[],
): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const part of chunk(orderIDs, MAX_ORDER_IDS_PER_REQUEST)) {
		const answer = await callEndpoint(ctx, requestData, 'listOrderDetail', {
			productID: PRODUCT_ID,
			userTaskID,
			orderList: part,
		});
		for (const row of findRows(answer, ['orderDetailList'])) {
			const orderID = asText(row.orderID);
			if (part.includes(orderID)) found.set(orderID, digitsOf(row.userPhone ?? row.phone));
		}
	}
	return found;
}

/**
 * Whether an order found in the task is this entry's: the same order ID and the same number. Only
 * then is it proof that the number was imported (by an earlier attempt, Retry On Fail, or an
 * earlier run with the same IDs); an order ID that exists with another number is someone else's,
 * and this number was not imported.
 */
export function isSameOrder(found: Map<string, string>, entry: OrderEntry): boolean {
	const phone = found.get(String(entry.order.orderID));
	return phone !== undefined && phone === digitsOf(entry.order.userPhone);
}

/**
 * After a retry (Retry On Fail) of an attempt whose answer was lost, or a re-run with the same IDs
 * (Idempotency Key, or your own Order IDs), NXCLOUD rejects the numbers sent before as duplicates of
 * their order IDs. Every rejected order is looked up (listOrderDetail): one found in the task with
 * the same number was imported before and is reported so; any other stays not imported, with
 * NXCLOUD's reason. If the lookup fails, the error is thrown (the orders' fate is unknown).
 */
export async function confirmEarlierImports(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	doubtful: OrderResult[],
): Promise<void> {
	if (!doubtful.length) return;
	const found = await existingOrders(
		ctx,
		requestData,
		userTaskID,
		doubtful.map((result) => String(result.entry!.order.orderID)),
	);
	for (const result of doubtful) {
		if (!isSameOrder(found, result.entry!)) continue;
		const json = result.item.json;
		json.imported = true;
		json.alreadyImported = true;
		delete json.errMsg;
	}
}

/**
 * Orders NXCLOUD did not reject but did not count as imported either (successCount too low): those
 * not found in the task with their number are reported as not imported.
 */
export async function confirmClaimedImports(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	userTaskID: string,
	claimed: OrderResult[],
	successCount: number,
): Promise<void> {
	if (!claimed.length) return;
	const found = await existingOrders(
		ctx,
		requestData,
		userTaskID,
		claimed.map((result) => String(result.entry!.order.orderID)),
	);
	for (const result of claimed) {
		if (isSameOrder(found, result.entry!)) continue;
		const json = result.item.json;
		json.imported = false;
		json.errMsg = `NXCLOUD counted ${successCount} of ${claimed.length} numbers as imported without naming the others, and this order is not in the task`;
	}
}
