import type { INodeProperties } from 'n8n-workflow';
import { operationProperties, simplifyOutput } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { ivrMenuCreateDescription, prepareIvrMenuCreate } from './create';
import { ivrMenuDeleteDescription } from './delete';
import { IVR_SIMPLE_FIELDS, ivrMenuGetManyDescription } from './getAll';
import { fillIvrMenuId } from './shared/ivrFields';
import { ivrMenuUpdateDescription, prepareIvrMenuUpdate } from './update';
import { changeOutput, deletedOutput } from '../../shared/outputs';

const BASE = '/api/call_center/key-interaction';

export const ivrMenuDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'ivrMenu',
		default: 'getAll',
		hiddenInTool: ['create', 'delete', 'update'],
		operations: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an IVR menu',
				description: 'Create a key-press menu played after a greeting',
				routing: {
					request: { method: 'POST', url: `${BASE}/add` },
					send: { preSend: [prepareIvrMenuCreate] },
					output: {
						postReceive: [
							changeOutput((ctx) => ({
								script_name: String(ctx.getNodeParameter('scriptName', '')).trim(),
							})),
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an IVR menu',
				description: 'Delete a key-press menu (its greetings stay)',
				routing: {
					request: { method: 'DELETE', url: `${BASE}/delete/:id` },
					send: { preSend: [fillIvrMenuId] },
					output: { postReceive: [deletedOutput('ivrMenu')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many IVR menus',
				description: 'List the key-press menus of the PBX',
				routing: {
					request: { method: 'GET', url: `${BASE}/list` },
					output: { postReceive: [omicallOutput(listItems), simplifyOutput(IVR_SIMPLE_FIELDS)] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an IVR menu',
				description: "Change a key-press menu's name, greeting, keys or failure handling",
				routing: {
					request: { method: 'POST', url: `${BASE}/update/:id` },
					send: { preSend: [fillIvrMenuId, prepareIvrMenuUpdate] },
					output: {
						postReceive: [
							changeOutput((ctx) => ({
								id: String(ctx.getNodeParameter('ivrMenu', '', { extractValue: true })).trim(),
							})),
						],
					},
				},
			},
		],
	}),
	...ivrMenuGetManyDescription,
	...ivrMenuCreateDescription,
	...ivrMenuUpdateDescription,
	...ivrMenuDeleteDescription,
];
