import type { INodeProperties } from 'n8n-workflow';
import { simplifyOutput } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { fillScriptId, SCRIPT_FIELDS, scriptGetDescription } from './get';
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
				description:
					'Get a callbot script by its ID: its name, voice, variables and publication state, and (without Simplify) its whole call flow',
				routing: {
					request: { method: 'GET', url: '/api/call_bot/get_by_id/:id' },
					send: { preSend: [fillScriptId] },
					output: { postReceive: [omicallOutput(), simplifyOutput(SCRIPT_FIELDS)] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scripts',
				description:
					'List the callbot scripts of the account with their IDs and the variables each one needs, e.g. to choose the script of Campaign → Start',
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
