import type { INodeProperties } from 'n8n-workflow';
import { callFilterFields } from '../../shared/callFilters';
import { readTaskIdField } from '../../shared/descriptions';
import { listControls } from '../../transport/pagination';

const show = { resource: ['order'], operation: ['getAll'] };

export const orderGetManyDescription: INodeProperties[] = [
	// Also Call → Get Many's and Batch → Export's Task ID.
	readTaskIdField,
	...listControls(show),
	callFilterFields(show, 'order'),
];
