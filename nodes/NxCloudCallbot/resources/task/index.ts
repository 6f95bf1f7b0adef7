import type { INodeProperties } from 'n8n-workflow';
import { NXCLOUD_API } from '../../transport/request';
import { sendOrders } from '../../shared/orderPlan';
import { nxOutput } from '../../transport/output';
import { paginateBody } from '../../transport/pagination';
import { createTaskOutput, prepareCreateTask, taskCreateDescription } from './create';
import { prepareCreateAndCall, taskCreateAndCallDescription } from './createAndCall';
import { prepareFinishTask } from './finish';
import { listTaskOutput, prepareListTask, taskGetManyDescription } from './getAll';
import { preparePauseTask } from './pause';
import { taskSettingsFields } from './shared/settingsFields';
import { taskStatusDescription, taskStatusOutput } from './shared/statusChange';
import { prepareStartTask } from './start';
import {
	prepareUpdateTask,
	taskUpdateDescription,
	taskUpdateIdField,
	updateTaskOutput,
} from './update';

// In the node after Order's fields (see NxCloudCallbot.node.ts).
export { taskCreateAndCallOptions } from './createAndCall';

/** mgrTaskStatus with the preSend of Start, Pause or Finish. */
function statusRouting(preSend: typeof prepareStartTask) {
	return {
		request: { method: 'POST' as const, url: `${NXCLOUD_API}/mgrTaskStatus` },
		send: { preSend: [preSend] },
		output: { postReceive: [taskStatusOutput] },
	};
}

export const taskDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a task',
				description: 'Create a task without numbers; add them later with Order → Add',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/createTask` },
					send: { preSend: [prepareCreateTask] },
					output: { postReceive: [createTaskOutput] },
				},
			},
			{
				name: 'Create and Call',
				value: 'createAndCall',
				action: 'Create a task and call numbers',
				description: 'Create a task and give it the numbers to call, in one go',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/createAndCall` },
					send: { preSend: [prepareCreateAndCall], paginate: true },
					operations: { pagination: sendOrders },
					output: { postReceive: [nxOutput()] },
				},
			},
			{
				name: 'Finish',
				value: 'finish',
				action: 'Finish a task',
				description: 'End a task for good',
				routing: statusRouting(prepareFinishTask),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tasks',
				description: 'Get tasks with their statistics',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listTask` },
					send: { preSend: [prepareListTask], paginate: true },
					operations: { pagination: paginateBody },
					output: { postReceive: [listTaskOutput] },
				},
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause a task',
				description: 'Stop dialing until the task is started again',
				routing: statusRouting(preparePauseTask),
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a task',
				description: 'Start or resume dialing',
				routing: statusRouting(prepareStartTask),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a task',
				description: 'Change the settings of a paused or not yet started task',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/updateTask` },
					send: { preSend: [prepareUpdateTask] },
					output: { postReceive: [updateTaskOutput] },
				},
			},
		],
		default: 'createAndCall',
	},
	// Each operation's fields in its editor order: Update's Task ID, then the task settings shared by
	// Create and Call, Create and Update (one entry per parameter name where they agree), then the
	// fields of each of them.
	taskUpdateIdField,
	...taskSettingsFields(),
	...taskCreateAndCallDescription,
	...taskCreateDescription,
	...taskUpdateDescription,
	...taskStatusDescription,
	...taskGetManyDescription,
];
