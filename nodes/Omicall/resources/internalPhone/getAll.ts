import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { sipPasswordProperties } from './shared/pbx';

const show = { resource: ['internalPhone'], operation: ['getAll'] };

export const internalPhoneGetManyDescription: INodeProperties[] = [
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
				placeholder: 'e.g. 100',
				description: 'Only internal phones whose SIP user, name or email contains this text',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
		],
	},
	...sipPasswordProperties(show),
];
