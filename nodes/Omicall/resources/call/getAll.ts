import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { dateRangeFields } from './shared/dateRange';
import { paginateCallHistory } from './shared/history';
import { directionOptions, dispositionOptions, sendList } from './shared/filters';

/** Every call of From..To once, up to the Limit (see shared/history.ts). */
export const paginateCallList = paginateCallHistory('qs');

const show = { resource: ['call'], operation: ['getAll'] };

export const callGetManyDescription: INodeProperties[] = [
	...dateRangeFields(show, true),
	...listControls({ show, maxPageSize: 50, style: 'paged', pagination: paginateCallList }),
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
				placeholder: 'e.g. agent.a@example.com, agent.b@example.com',
				description: 'Only calls of these agents (comma-separated emails)',
				routing: sendList('query', 'agents'),
			},
			{
				displayName: 'Agent User IDs',
				name: 'userUuids',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0123456789',
				description:
					"Only calls of these agents, by your system's user name or code (comma-separated)",
				routing: sendList('query', 'user_uuids'),
			},
			{
				displayName: 'Auto-Calls',
				name: 'isAutoCall',
				type: 'options',
				default: 'true',
				options: [
					{ name: 'Only Auto-Calls and Callbot Calls', value: 'true' },
					{ name: 'Exclude Auto-Calls', value: 'false' },
				],
				routing: { send: { type: 'query', property: 'is_auto_call' } },
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'multiOptions',
				default: [],
				options: directionOptions,
				routing: { send: { type: 'query', property: 'direction' } },
			},
			{
				displayName: 'Disposition',
				name: 'disposition',
				type: 'options',
				default: 'answered',
				options: dispositionOptions,
				routing: { send: { type: 'query', property: 'disposition' } },
			},
			{
				displayName: 'Extension',
				name: 'sipUser',
				type: 'string',
				default: '',
				placeholder: 'e.g. 101',
				description: 'Only calls of this agent extension (sip_user)',
				routing: { send: { type: 'query', property: 'sip_user' } },
			},
			{
				displayName: 'Hotlines',
				name: 'sipNumbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 842899990338',
				description: 'Only calls on these hotline numbers (comma-separated)',
				routing: sendList('query', 'sip_numbers'),
			},
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0395187319',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
			{
				displayName: 'Queues',
				name: 'queueDestination',
				type: 'string',
				default: '',
				placeholder: 'e.g. 8001',
				description: 'Only calls to these internal groups, by group number (comma-separated)',
				routing: sendList('query', 'queue_destination'),
			},
		],
	},
];
