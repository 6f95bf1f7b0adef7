import type { INodeProperties } from 'n8n-workflow';
import { listItems, omicallOutput } from '../../transport/output';
import { fillScriptId, scriptGetDescription } from './get';
import { scriptGetManyDescription } from './getAll';

export const scriptDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['script'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a script',
				description: 'Get the full definition of a callbot script',
				routing: {
					request: { method: 'GET', url: '/api/call_bot/get_by_id/:id' },
					send: { preSend: [fillScriptId] },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scripts',
				description: 'List the callbot scripts of the tenant with their variables',
				routing: {
					request: { method: 'GET', url: '/api/call_bot/script/list' },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
		],
		default: 'getAll',
	},
	...scriptGetDescription,
	...scriptGetManyDescription,
];
