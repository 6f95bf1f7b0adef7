import type { INodeProperties } from 'n8n-workflow';
import { NXCLOUD_API } from '../../shared/descriptions';
import { nxOutput } from '../../transport/output';

export const accountDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Ping',
				value: 'ping',
				action: 'Ping the API',
				description: 'Check that NXCLOUD answers and accepts the signed requests',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/ping` },
					output: { postReceive: [nxOutput()] },
				},
			},
		],
		default: 'ping',
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'string',
		default: 'n8n',
		placeholder: 'e.g. hello',
		description: 'Any text; NXCLOUD echoes it back',
		displayOptions: { show: { resource: ['account'], operation: ['ping'] } },
		routing: { send: { type: 'body', property: 'data' } },
	},
];
