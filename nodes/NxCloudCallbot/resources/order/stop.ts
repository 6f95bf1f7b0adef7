import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { PRODUCT_ID } from '../../shared/constants';
import { planOf } from '../../../shared/plan';
import { callEndpoint, compact } from '../../transport/request';
import { forEachChunk, type IdsPlan } from './shared/orderIds';

// Order → Stop: its Task ID and order IDs are Get Details' too (./shared/orderIds.ts).

export const orderStopDescription: INodeProperties[] = [
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

/** stopOrder for every group, 500 order IDs per request; one output item per order. */
export async function stopOrders(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<IdsPlan>(requestData.options);
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
