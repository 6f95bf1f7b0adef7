import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NXCLOUD_API, PRODUCT_ID, requiredText, taskIdField } from '../../shared/descriptions';
import { findRows, nxOutput } from '../../shared/output';

const show = { resource: ['batch'], operation: ['export'] };

export async function prepareExportBatch(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const userTaskID = requiredText(
		this,
		'taskId',
		'Task ID',
		'Enter the ID of the task (userTaskID).',
	);
	return { ...requestOptions, body: { productID: PRODUCT_ID, userTaskID } };
}

export const batchDescription: INodeProperties[] = [
	{
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
								const userTaskID = String(this.getNodeParameter('taskId', '')).trim();
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
	},
	taskIdField(show),
];
