import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { NXCLOUD_API, PRODUCT_ID, requiredTaskId } from '../../shared/descriptions';
import { findRows, nxOutput } from '../../transport/output';

export async function prepareExportBatch(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: { productID: PRODUCT_ID, userTaskID: requiredTaskId(this) } };
}

/**
 * Batch's Operation; in the node before Order's fields. Export's only field is its Task ID
 * (`readTaskIdField`, shared with Order and Call).
 */
export const batchOperation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['batch'] } },
	options: [
		{
			name: 'Export',
			value: 'export',
			action: 'Export the latest batch of a task',
			description: 'Get the calls of the latest batch of numbers of a task, one item per call',
			routing: {
				request: {
					method: 'POST',
					url: `${NXCLOUD_API}/exportBatchCall`,
					headers: { 'Accept-Encoding': 'gzip' },
				},
				send: { preSend: [prepareExportBatch] },
				output: {
					postReceive: [
						nxOutput(function (body) {
							const userTaskID = asText(this.getNodeParameter('taskId', ''));
							return findRows(body, ['callList']).map((row) => ({
								userTaskID,
								batchID: body.batchID,
								...row,
							}));
						}),
					],
				},
			},
		},
	],
	default: 'export',
};
