import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { hotlineGetManyDescription, sendHotlineExtension } from './getAll';
import {
	hotlineExtensionEcho,
	hotlineUpdateExtensionDescription,
	prepareHotlineExtensionUpdate,
} from './updateExtension';
import { changeOutput } from '../../shared/outputs';

export const hotlineDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'hotline',
		default: 'getAll',
		hiddenInTool: ['updateExtension'],
		operations: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many hotlines',
				description:
					'List the hotlines an extension may dial out on (the answer shape is not documented: a list of numbers or of records is output as it comes)',
				routing: {
					request: { method: 'GET', url: '/api/call_center/hotline/list' },
					send: { preSend: [sendHotlineExtension] },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Update Extension',
				value: 'updateExtension',
				action: 'Update the directions of an extension on a hotline',
				description: "Set which call directions an agent's extension may use on a hotline",
				routing: {
					request: { method: 'POST', url: '/api/call_center/hotline/extension/update' },
					send: { preSend: [prepareHotlineExtensionUpdate] },
					output: { postReceive: [changeOutput(hotlineExtensionEcho)] },
				},
			},
		],
	}),
	...hotlineGetManyDescription,
	...hotlineUpdateExtensionDescription,
];
