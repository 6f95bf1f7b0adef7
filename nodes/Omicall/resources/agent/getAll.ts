import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { keywordFilters } from '../../shared/descriptions';

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
	keywordFilters(show, 'e.g. an.nguyen', 'Only agents whose email or name contains this text'),
];
