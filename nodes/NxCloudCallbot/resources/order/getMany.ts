import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { buildCallOptions, callFilterFields } from '../../shared/callFilters';
import { PRODUCT_ID, requiredText, taskIdField } from '../../shared/descriptions';
import { firstPage, listControls } from '../../shared/pagination';

const show = { resource: ['order'], operation: ['getAll'] };

export const orderGetManyDescription: INodeProperties[] = [
	taskIdField(show),
	...listControls(show),
	callFilterFields(show, 'order'),
];

/** listOrder: the orders of a task, each with its last call. */
export async function prepareListOrder(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const userTaskID = requiredText(
		this,
		'taskId',
		'Task ID',
		'Enter the ID of the task (userTaskID).',
	);
	return {
		...requestOptions,
		body: {
			productID: PRODUCT_ID,
			userTaskID,
			options: buildCallOptions(this, 'order'),
			...firstPage(this),
		},
	};
}
