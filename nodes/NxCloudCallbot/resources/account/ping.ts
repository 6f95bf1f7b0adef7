import type { INodeProperties } from 'n8n-workflow';

export const accountPingDescription: INodeProperties[] = [
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
