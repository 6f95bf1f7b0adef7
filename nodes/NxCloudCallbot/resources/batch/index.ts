import type { INodeProperties } from 'n8n-workflow';
import { NXCLOUD_API } from '../../transport/request';
import { simplifyCallRows } from '../../shared/simplify';
import { exportBatchOutput, prepareExportBatch } from './export';

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
			description:
				'Get the calls of the latest batch of numbers of a task, one item per call with its status and intents. Needs the task.',
			routing: {
				request: {
					method: 'POST',
					url: `${NXCLOUD_API}/exportBatchCall`,
					headers: { 'Accept-Encoding': 'gzip' },
				},
				send: { preSend: [prepareExportBatch] },
				output: { postReceive: [exportBatchOutput, simplifyCallRows] },
			},
		},
	],
	default: 'export',
};
