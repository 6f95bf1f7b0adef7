import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { simplifyTasks } from '../../shared/simplify';
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

/**
 * Hidden from AI agents (docs/ai-agents.md): Create and Update (they set up or change a task's
 * configuration: line, strategy, schedule, callbacks) and Finish (it ends a task for good).
 */
export const taskDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'task',
		default: 'createAndCall',
		hiddenInTool: ['create', 'update', 'finish'],
		operations: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a task',
				description:
					'Create a callbot task (script template, line, schedule) without numbers to call; add them later with Order → Add',
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
				description:
					'Create a callbot task and give it the phone numbers to call, in one request; returns the task ID and one order ID per number. Never dials a number twice on a retry.',
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
				description: 'End a task for good: it can never dial again (cannot be undone)',
				routing: statusRouting(prepareFinishTask),
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tasks',
				description:
					'List tasks with their status and progress (orders done, answer rate), optionally filtered by status, creation time, name or ID',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/listTask` },
					send: { preSend: [prepareListTask], paginate: true },
					operations: { pagination: paginateBody },
					output: { postReceive: [listTaskOutput, simplifyTasks] },
				},
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause a task',
				description: 'Stop dialing the numbers of a task until it is started again',
				routing: statusRouting(preparePauseTask),
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a task',
				description: 'Start or resume dialing the numbers of a task',
				routing: statusRouting(prepareStartTask),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a task',
				description:
					'Change the settings of a task that is paused or not started yet (takes effect after about 5 minutes)',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/updateTask` },
					send: { preSend: [prepareUpdateTask] },
					output: { postReceive: [updateTaskOutput] },
				},
			},
		],
	}),
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
