import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { NXCLOUD_API, taskStatusName } from '../../shared/descriptions';
import { sendOrders } from '../../shared/orders';
import { findRows, nxOutput } from '../../transport/output';
import { paginateBody } from '../../transport/pagination';
import { compact } from '../../transport/request';
import { taskSettingsFields } from '../../shared/taskSettings';
import { prepareCreateTask, taskCreateDescription } from './create';
import { newTaskId, prepareCreateAndCall, taskCreateAndCallDescription } from './createAndCall';
import { prepareListTask, taskGetManyDescription } from './getMany';
import { prepareTaskStatus, taskStatusDescription } from './status';
import { prepareUpdateTask, taskUpdateDescription, taskUpdateIdField } from './update';

/** A task answer with the task's ID and its status in words. */
function withStatus(userTaskID: string, body: IDataObject): IDataObject {
	return compact({
		userTaskID,
		...body,
		taskStatusName: body.taskStatus === undefined ? undefined : taskStatusName(body.taskStatus),
	});
}

const statusRouting = {
	request: { method: 'POST' as const, url: `${NXCLOUD_API}/mgrTaskStatus` },
	send: { preSend: [prepareTaskStatus] },
	output: {
		postReceive: [
			nxOutput(function (body) {
				return withStatus(asText(this.getNodeParameter('taskId', '')), body);
			}),
		],
	},
};

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
					output: {
						postReceive: [
							nxOutput(function (body) {
								return { userTaskID: newTaskId(this).userTaskID, ...body };
							}),
						],
					},
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
				routing: statusRouting,
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
					output: {
						postReceive: [
							nxOutput((body) =>
								findRows(body, ['taskData', 'tasks', 'taskList']).map((row) =>
									withStatus(asText(row.userTaskID), row),
								),
							),
						],
					},
				},
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause a task',
				description: 'Stop dialing until the task is started again',
				routing: statusRouting,
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a task',
				description: 'Start or resume dialing',
				routing: statusRouting,
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a task',
				description: 'Change the settings of a paused or not yet started task',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/updateTask` },
					send: { preSend: [prepareUpdateTask] },
					output: {
						postReceive: [
							nxOutput(function (body) {
								return { userTaskID: asText(this.getNodeParameter('taskId', '')), ...body };
							}),
						],
					},
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
