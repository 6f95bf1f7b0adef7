import type { INodeProperties } from 'n8n-workflow';
import { simplifyProperties } from '../../../shared/toolMode';
import { listControls } from '../../transport/pagination';

const show = { resource: ['ticketCategory'], operation: ['getAll'] };

/** The fields Simplify keeps of a category (its types and its statuses, for Ticket → Update Status). */
export const CATEGORY_SIMPLE_FIELDS = [
	'_id',
	'name',
	'priority',
	'default_status',
	'types',
	'ticketStatusSet.status',
];

export const ticketCategoryGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 50, style: 'single' }),
	...simplifyProperties(show),
];
