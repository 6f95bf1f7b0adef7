import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { PRODUCT_ID } from '../../shared/constants';
import { requiredTaskId } from '../../shared/ids';
import { findRows, nxOutput } from '../../transport/output';

// Batch → Export's only field is its Task ID (`readTaskIdField`, shared with Order and Call).

export async function prepareExportBatch(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: { productID: PRODUCT_ID, userTaskID: requiredTaskId(this) } };
}

/** The calls of the exported batch, one item each, with the task's and batch's IDs. */
export const exportBatchOutput = nxOutput(function (body) {
	const userTaskID = asText(this.getNodeParameter('taskId', '', { extractValue: true }));
	return findRows(body, ['callList']).map((row) => ({
		userTaskID,
		batchID: body.batchID,
		...row,
	}));
});
