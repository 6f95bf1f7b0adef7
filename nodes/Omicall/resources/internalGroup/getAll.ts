import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

const show = { resource: ['internalGroup'], operation: ['getAll'] };

export const internalGroupGetManyDescription: INodeProperties[] = [
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
				placeholder: 'e.g. Sales',
				description: 'Only groups whose name or number contains this text',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
		],
	},
];
