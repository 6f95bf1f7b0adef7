import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { applyRequestTimeout } from '../shared/input';
import { searchTasks } from './methods/tasks';
import { accountDescription } from './resources/account';
import { batchOperation } from './resources/batch';
import { callDescription, callOperation } from './resources/call';
import { orderDescription } from './resources/order';
import { taskCreateAndCallOptions, taskDescription } from './resources/task';
import { nxSimplifyFields } from './shared/simplify';

export class NxCloudCallbot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'NXCLOUD Callbot',
		name: 'nxCloudCallbot',
		icon: { light: 'file:../../icons/nxcloud.svg', dark: 'file:../../icons/nxcloud.dark.svg' },
		group: ['output'],
		// 1.1: Call Purpose (Decree 91) on the operations that start calls; version 1 nodes call as
		// service calls, with a notice (nodes/shared/compliance/fields.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create NXCLOUD (NXTele) AI callbot tasks, add phone numbers to call, and read call results and recordings',
		defaults: { name: 'NXCLOUD Callbot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nxCloudCallbotApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json' },
			json: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account', value: 'account', description: 'Check the connection' },
					{ name: 'Batch', value: 'batch', description: 'Batches of imported numbers' },
					{ name: 'Call', value: 'call', description: 'Call attempts' },
					{ name: 'Order', value: 'order', description: 'Numbers to call (one order per number)' },
					{ name: 'Task', value: 'task', description: 'Callbot tasks (dialing campaigns)' },
				],
				default: 'task',
			},
			...taskDescription,
			// Before Order's fields: Order → Get Many's Task ID is also theirs (readTaskIdField).
			callOperation,
			batchOperation,
			...orderDescription,
			// After the callback and contact fields that Create and Call shares with Order → Add (in
			// orderDescription), so that its Options come last in the editor.
			...taskCreateAndCallOptions,
			...callDescription,
			...accountDescription,
			// Last: after the fields of every list operation it applies to.
			...nxSimplifyFields,
			{
				// Every request's timeout (30 s unless Request Options → Timeout is set): n8n's routing
				// engine overrides requestDefaults.timeout, so a preSend of every operation sets it.
				displayName: 'Request Timeout',
				name: 'requestTimeout',
				type: 'hidden',
				default: '',
				routing: { send: { preSend: [applyRequestTimeout] } },
			},
		],
	};

	methods = { listSearch: { searchTasks } };
}
