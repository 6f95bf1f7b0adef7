import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { PRODUCT_ID, requiredTaskId, taskIdField } from '../../shared/descriptions';

const show = { resource: ['task'], operation: ['start', 'pause', 'finish'] };

/** taskOperate of each operation (mgrTaskStatus). */
const TASK_OPERATIONS: Record<string, number> = { start: 1, pause: 2, finish: 3 };

export const taskStatusDescription: INodeProperties[] = [
	taskIdField(show),
	{
		displayName: 'Delete Undialed Numbers',
		name: 'deleteUndialed',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the numbers of the task that have not been dialed yet (delCall). This cannot be undone.',
		displayOptions: { show },
	},
];

/** mgrTaskStatus: start (1), pause (2) or finish (3) a task. */
export async function prepareTaskStatus(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const userTaskID = requiredTaskId(this);
	const operation = this.getNodeParameter('operation', 'start') as string;
	return {
		...requestOptions,
		body: {
			productID: PRODUCT_ID,
			userTaskID,
			taskOperate: TASK_OPERATIONS[operation],
			delCall: this.getNodeParameter('deleteUndialed', false) === true ? 1 : 0,
		},
	};
}
