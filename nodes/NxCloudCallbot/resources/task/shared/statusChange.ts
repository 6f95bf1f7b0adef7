import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { asText } from '../../../../shared/input';
import { PRODUCT_ID } from '../../../shared/constants';
import { requiredTaskId, taskIdField } from '../../../shared/ids';
import { workflowOnly } from '../../../../shared/toolMode';
import { nxOutput } from '../../../transport/output';
import { withStatus } from './statuses';

/**
 * Start, Pause and Finish (mgrTaskStatus): one set of fields for the three, each operation's file
 * holds its `taskOperate` code.
 */

const show = { resource: ['task'], operation: ['start', 'pause', 'finish'] };

export const taskStatusDescription: INodeProperties[] = [
	taskIdField(show),
	// Never offered to AI agents: it deletes numbers for good.
	workflowOnly({
		displayName: 'Delete Undialed Numbers',
		name: 'deleteUndialed',
		type: 'boolean',
		default: false,
		description:
			'Whether to delete the numbers of the task that have not been dialed yet (delCall). This cannot be undone.',
		displayOptions: { show },
	}),
];

/** mgrTaskStatus: start (1), pause (2) or finish (3) a task; `taskOperate` is the operation's code. */
export function prepareTaskStatus(taskOperate: number) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const userTaskID = requiredTaskId(this);
		return {
			...requestOptions,
			body: {
				productID: PRODUCT_ID,
				userTaskID,
				taskOperate,
				delCall: this.getNodeParameter('deleteUndialed', false) === true ? 1 : 0,
			},
		};
	};
}

/** The answer of mgrTaskStatus with the task's ID and its status in words. */
export const taskStatusOutput = nxOutput(function (body) {
	return withStatus(asText(this.getNodeParameter('taskId', '', { extractValue: true })), body);
});
