import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText, inputError } from '../../../shared/input';
import { splitList } from '../../../shared/lists';
import { returnAllAndLimit } from '../../../shared/response';
import { filterSeconds } from '../../shared/checks';
import { PRODUCT_ID } from '../../shared/constants';
import { checkedId, idList } from '../../shared/ids';
import { findRows, nxOutput } from '../../transport/output';
import { firstPage } from '../../transport/pagination';
import { TASK_STATUSES, withStatus } from './shared/statuses';

const show = { resource: ['task'], operation: ['getAll'] };

export const taskGetManyDescription: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description:
					"Only tasks created at or after this time (startTs), read in the workflow's time zone",
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description:
					"Only tasks created at or before this time (endTs), read in the workflow's time zone",
			},
			{
				displayName: 'Script Template ID',
				name: 'sceneId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234',
				description: 'Only tasks running this script template (sceneID)',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: [...TASK_STATUSES].sort((a, b) => a.name.localeCompare(b.name)),
				description: 'Only tasks in these statuses (taskStatus)',
			},
			{
				displayName: 'Task IDs',
				name: 'taskIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-campaign-0001, crm-campaign-0002',
				description: 'Only these tasks, by your task ID (userTaskID; comma-separated)',
			},
			{
				displayName: 'Task Names',
				name: 'taskNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Appointment reminders May',
				description: 'Only tasks with these exact names (comma-separated)',
			},
		],
	},
];

export async function prepareListTask(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const queryConditions: IDataObject = {};
	const statuses = (
		Array.isArray(filters.statuses) ? filters.statuses : splitList(filters.statuses)
	).map(Number);
	if (statuses.length) queryConditions.taskStatus = statuses;
	const names = splitList(filters.taskNames);
	if (names.length) queryConditions.taskName = names;
	const sceneID = checkedId(this, filters.sceneId, 'Script Template ID');
	if (sceneID) queryConditions.sceneID = sceneID;
	const ids = idList(this, filters.taskIds, 'Task IDs');
	if (ids.length) queryConditions.userTaskID = ids;
	const startTs = filterSeconds(this, filters.createdAfter, 'Created After');
	if (startTs !== undefined) queryConditions.startTs = startTs;
	const endTs = filterSeconds(this, filters.createdBefore, 'Created Before');
	if (endTs !== undefined) queryConditions.endTs = endTs;
	if (startTs !== undefined && endTs !== undefined && endTs < startTs) {
		inputError(this, 'Created Before', 'is earlier than Created After', 'Swap the two dates.');
	}
	return {
		...requestOptions,
		body: { productID: PRODUCT_ID, ...firstPage(this), queryConditions },
	};
}

/** The tasks of a listTask answer, one item each, with the status in words. */
export const listTaskOutput = nxOutput((body) =>
	findRows(body, ['taskData', 'tasks', 'taskList']).map((row) =>
		withStatus(asText(row.userTaskID), row),
	),
);
