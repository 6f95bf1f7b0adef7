import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';

const show = { resource: ['ivrMenu'], operation: ['getAll'] };

/** The fields Simplify keeps. */
export const IVR_SIMPLE_FIELDS = ['_id', 'id', 'script_name', 'greeting_id', 'scripts'];

export const ivrMenuGetManyDescription: INodeProperties[] = [
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
				placeholder: 'e.g. Main',
				description: 'Only menus whose name contains this text',
				routing: { send: { type: 'query', property: 'keyword' } },
			},
		],
	},
	...simplifyProperties(show),
];
