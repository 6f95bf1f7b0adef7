import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { dateRangeFields } from './shared/dateRange';
import { paginateCallHistory } from './shared/history';
import { directionOptions, dispositionOptions, sendList } from './shared/filters';

/** Every call of From..To once, up to the Limit (see shared/history.ts). */
export const paginateCallSearch = paginateCallHistory('body');

const show = { resource: ['call'], operation: ['search'] };

export const callSearchDescription: INodeProperties[] = [
	...dateRangeFields(show, true),
	{
		displayName: 'Agent User IDs',
		name: 'userUuids',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0123456789, 101',
		description:
			"Agents whose calls to return: your system's user IDs or extensions (comma-separated)",
		displayOptions: { show },
		routing: sendList('body', 'user_uuids'),
	},
	...listControls({ show, maxPageSize: 50, style: 'paged', pagination: paginateCallSearch }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'multiOptions',
				default: [],
				options: directionOptions,
				routing: { send: { type: 'body', property: 'direction' } },
			},
			{
				displayName: 'Disposition',
				name: 'disposition',
				type: 'multiOptions',
				default: [],
				options: dispositionOptions,
				routing: { send: { type: 'body', property: 'disposition' } },
			},
			{
				displayName: 'Hotlines',
				name: 'numbers',
				type: 'string',
				default: '',
				placeholder: 'e.g. 842899990338',
				description: 'Only calls on these hotline numbers (comma-separated)',
				routing: sendList('body', 'numbers'),
			},
			{
				displayName: 'Tag IDs',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. 64915bc76a690c0edad14723',
				description: 'Only calls with these tags, by tag ID (comma-separated)',
				routing: sendList('body', 'tags'),
			},
		],
	},
];
