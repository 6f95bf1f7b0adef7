import type { INodeProperties } from 'n8n-workflow';
import { dateRangeFields } from './dateRange';
import { sendList } from './filters';

const show = { resource: ['call'], operation: ['getReport'] };

export const callGetReportDescription: INodeProperties[] = [
	...dateRangeFields(show, false),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Agent Emails',
				name: 'agents',
				type: 'string',
				default: '',
				placeholder: 'e.g. agent.a@example.com',
				description: 'Only calls of these agents (comma-separated emails)',
				routing: sendList('query', 'agents'),
			},
			{
				displayName: 'Extension',
				name: 'sipUser',
				type: 'string',
				default: '',
				placeholder: 'e.g. 101',
				routing: { send: { type: 'query', property: 'sip_user' } },
			},
			{
				displayName: 'Hotlines',
				name: 'numbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 842899990338',
				description: 'Only calls on these hotline numbers (comma-separated)',
				routing: sendList('query', 'numbers'),
			},
		],
	},
];
