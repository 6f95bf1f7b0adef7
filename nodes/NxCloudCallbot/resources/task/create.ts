import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { idempotencyKeyOption } from '../../../shared/idempotency';
import { callbackUrl } from '../../shared/checks';
import { PRODUCT_ID } from '../../shared/constants';
import { requiredId } from '../../shared/ids';
import { nxOutput } from '../../transport/output';
import { buildTaskCreateSetting } from './shared/createSetting';
import { buildFuncFlag, taskFeatureOptions } from './shared/features';
import { newTaskId, newTaskIdOption } from './shared/newTaskId';

const show = { resource: ['task'], operation: ['create'] };

/** The fields after the task settings (`taskSettingsFields`, shared with Create and Call and Update). */
export const taskCreateDescription: INodeProperties[] = [
	{
		displayName: 'Order Callback URL',
		name: 'orderCallbackUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/nxcloud/order',
		description:
			'Where NXCLOUD posts the result of each order when it is complete (orderCallbackUrl). The call callback URL is given when numbers are added.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [newTaskIdOption, idempotencyKeyOption, ...taskFeatureOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/**
 * createTask. Its documented example differs from createAndCall: the callback URLs sit at the top
 * level and the SMS rules are spelled smsId/intentId. The node sends the createAndCall settings
 * (with taskName, maxCall and taskCallbackUrl, harmless if ignored), the callback URLs at the top
 * level, and both spellings of the SMS keys.
 */
export async function prepareCreateTask(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const sceneID = requiredId(
		this,
		'sceneId',
		'Script Template ID',
		'Enter the ID of the script template: NXCLOUD platform → Script Management.',
	);
	const taskCreateSetting = buildTaskCreateSetting(this);
	const funcFlag = buildFuncFlag(this, 'both');
	const { userTaskID } = newTaskId(this);
	return {
		...requestOptions,
		body: {
			productID: PRODUCT_ID,
			userTaskID,
			sceneID,
			taskCreateSetting,
			funcFlag,
			taskCallbackUrl: taskCreateSetting.taskCallbackUrl,
			orderCallbackUrl: callbackUrl(
				this,
				this.getNodeParameter('orderCallbackUrl', ''),
				'Order Callback URL',
			),
		},
	};
}

/** The answer of createTask with the new task's ID. */
export const createTaskOutput = nxOutput(function (body) {
	return { userTaskID: newTaskId(this).userTaskID, ...body };
});
