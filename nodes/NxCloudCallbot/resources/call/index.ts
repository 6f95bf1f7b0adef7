import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { buildCallOptions, callFilterFields } from '../../shared/callFilters';
import { NXCLOUD_API, PRODUCT_ID, requiredText, taskIdField } from '../../shared/descriptions';
import { rowsOutput } from '../../shared/output';
import { firstPage, listControls, paginateBody } from '../../shared/pagination';

const show = { resource: ['call'], operation: ['getAll'] };

/** listCall: every call attempt of a task. */
export async function prepareListCall(
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
			options: buildCallOptions(this, 'call'),
			...firstPage(this),
		},
	};
}

export const callDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many calls',
				description: 'Get every call attempt of a task (an order may have several)',
				routing: {
					request: {
						method: 'POST',
						url: `${NXCLOUD_API}/listCall`,
						// Documented: the answer may be gzip-compressed; n8n's HTTP client decompresses it.
						headers: { 'Accept-Encoding': 'gzip' },
					},
					send: { preSend: [prepareListCall], paginate: true },
					operations: { pagination: paginateBody },
					output: {
						postReceive: [rowsOutput('callList', 'calls', 'callInfoList', 'callDetailList')],
					},
				},
			},
		],
		default: 'getAll',
	},
	taskIdField(show),
	...listControls(show),
	callFilterFields(show, 'call'),
];
