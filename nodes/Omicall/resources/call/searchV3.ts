import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';
import { searchDateFields, searchFilters } from './shared/searchBody';

const show = { resource: ['call'], operation: ['searchV3'] };

/**
 * Call history v3 (`POST /api/v3/call-transaction/search?page&size`), known from third-party code:
 * HTTP 204 is an empty page; pages and records are read in snake_case or camelCase.
 */
export const callSearchV3Description: INodeProperties[] = [
	...searchDateFields(show),
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	searchFilters(show, 'v3'),
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Ascending',
				name: 'ascending',
				type: 'boolean',
				default: false,
				description: 'Whether to return the oldest calls first (default: newest first)',
			},
			{
				displayName: 'Field',
				name: 'field',
				type: 'options',
				default: 'created_date',
				options: [
					{ name: 'Created Date', value: 'created_date' },
					{ name: 'Call Start Time', value: 'time_start_call' },
				],
			},
		],
	},
	...simplifyProperties(show),
];
