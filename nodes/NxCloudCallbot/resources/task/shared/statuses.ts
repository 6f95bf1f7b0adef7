import type { IDataObject } from 'n8n-workflow';
import { compact } from '../../../transport/request';

/** The documented task statuses (listTask). */
export const TASK_STATUSES: Array<{ name: string; value: number }> = [
	{ name: 'Pending Start', value: 1 },
	{ name: 'Running', value: 2 },
	{ name: 'Completed', value: 3 },
	{ name: 'Finished (Failed)', value: 4 },
	{ name: 'Paused', value: 5 },
];

export function taskStatusName(value: unknown): string | undefined {
	return TASK_STATUSES.find((status) => status.value === Number(value))?.name;
}

/** A task answer with the task's ID and its status in words. */
export function withStatus(userTaskID: string, body: IDataObject): IDataObject {
	return compact({
		userTaskID,
		...body,
		taskStatusName: body.taskStatus === undefined ? undefined : taskStatusName(body.taskStatus),
	});
}
