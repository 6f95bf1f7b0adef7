import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { PRODUCT_ID } from '../../shared/constants';
import { planOf } from '../../../shared/plan';
import { callEndpointRows } from '../../transport/request';
import { forEachChunk, type IdsPlan } from './shared/orderIds';

// Order → Get Details: its fields are Stop's Task ID and order IDs (./shared/orderIds.ts).

/**
 * listOrderDetail for every group, 500 order IDs per request (documented maximum), results joined.
 * An order NXCLOUD does not return gets an item `found: false`, so no input item vanishes.
 */
export async function orderDetails(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<IdsPlan>(requestData.options);
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
