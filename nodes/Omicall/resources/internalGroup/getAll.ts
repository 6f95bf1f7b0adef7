import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';
import { keywordFilters } from '../../shared/descriptions';

const show = { resource: ['internalGroup'], operation: ['getAll'] };

export const internalGroupGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'paged' }),
	keywordFilters(show, 'e.g. Sales', 'Only groups whose name or number contains this text'),
];
