import type { INodeProperties } from 'n8n-workflow';
import { NXCLOUD_API } from '../../transport/request';
import { nxOutput } from '../../transport/output';
import { accountPingDescription } from './ping';

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
				description:
					'Check that NXCLOUD answers and accepts the credential (signed requests); echoes the text sent',
				routing: {
					request: { method: 'POST', url: `${NXCLOUD_API}/ping` },
					output: { postReceive: [nxOutput()] },
				},
			},
		],
		default: 'ping',
	},
	...accountPingDescription,
];
