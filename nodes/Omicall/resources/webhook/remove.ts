import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['webhook'], operation: ['remove'] };

export const webhookRemoveDescription: INodeProperties[] = [
	{
		displayName:
			'This removes the OMICall webhook of the type, also the one an active OMICall Trigger registered: that workflow then stops receiving calls',
		name: 'removeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Type',
		name: 'hookType',
		type: 'options',
		noDataExpression: true,
		default: 'call',
		options: [
			{
				name: 'Call',
				value: 'call',
				description: 'The call webhook (end-of-call records; OMICall removes the live events too)',
			},
			{ name: 'Contact', value: 'contact', description: 'The contact webhook' },
		],
		description: 'Which webhook to remove (hook_type)',
		displayOptions: { show },
		routing: { send: { type: 'query', property: 'hook_type' } },
	},
];
