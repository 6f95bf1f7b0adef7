import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { asText } from '../../../shared/input';
import { PRODUCT_ID } from '../../shared/constants';
import { checkedId, requiredId, taskIdField } from '../../shared/ids';
import { nxOutput } from '../../transport/output';
import { buildTaskCreateSetting } from './shared/createSetting';
import { buildFuncFlag, taskFeatureOptions } from './shared/features';

const show = { resource: ['task'], operation: ['update'] };

/** Update's Task ID, before the task settings (`taskSettingsFields`, shared with the creating operations). */
export const taskUpdateIdField: INodeProperties = {
	...taskIdField(show),
	description:
		'Your ID of the task (userTaskID). Only paused tasks and tasks not started yet can be changed; changes take effect after about 5 minutes.',
};

/** The fields after the task settings. */
export const taskUpdateDescription: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [...taskFeatureOptions],
	},
];

/**
 * updateTask. Whether NXCLOUD keeps omitted fields is not documented, so the node always sends the
 * complete settings and features, like Create does.
 */
export async function prepareUpdateTask(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const userTaskID = requiredId(
		this,
		'taskId',
		'Task ID',
		'Enter the ID of the task to change (userTaskID).',
	);
	const body: IDataObject = { productID: PRODUCT_ID, userTaskID };
	const sceneID = checkedId(this, this.getNodeParameter('sceneId', ''), 'Script Template ID');
	if (sceneID) body.sceneID = sceneID;
	body.taskCreateSetting = buildTaskCreateSetting(this);
	body.funcFlag = buildFuncFlag(this);
	return { ...requestOptions, body };
}

/** The answer of updateTask with the task's ID. */
export const updateTaskOutput = nxOutput(function (body) {
	return {
		userTaskID: asText(this.getNodeParameter('taskId', '', { extractValue: true })),
		...body,
	};
});
