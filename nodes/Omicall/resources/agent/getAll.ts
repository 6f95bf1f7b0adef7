import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

const show = { resource: ['agent'], operation: ['getAll'] };

export const agentGetManyDescription: INodeProperties[] = [
	{
		displayName:
			'OMICall marks this list deprecated from 1 April 2026 in favour of a v3 endpoint whose answer it does not document yet; this operation keeps using the documented one',
		name: 'agentListNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				placeholder: 'e.g. an.nguyen',
				description: 'Only agents whose email or name contains this text',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
		],
	},
];
