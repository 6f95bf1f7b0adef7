import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';
import { searchDateFields, searchFilters } from './shared/searchBody';

const show = { resource: ['call'], operation: ['searchV2'] };

/**
 * Call history v2 (`POST /api/v2/callTransaction/search?page&size`, at most 50 per page): kept as a
 * fallback only, OMICall stopped updating v2 on 1 April 2026.
 */
export const callSearchV2Description: INodeProperties[] = [
	{
		displayName:
			'Deprecated: OMICall stopped updating v2 call history on 1 April 2026. Use Search (V3).',
		name: 'v2Notice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	...searchDateFields(show),
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	searchFilters(show, 'v2'),
	...simplifyProperties(show),
];
