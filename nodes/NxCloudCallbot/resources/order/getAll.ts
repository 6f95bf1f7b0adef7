import type { INodeProperties } from 'n8n-workflow';
import { returnAllAndLimit } from '../../../shared/response';
import { callFilterFields } from '../../shared/callFilters';
import { readTaskIdField } from '../../shared/ids';

const show = { resource: ['order'], operation: ['getAll'] };

export const orderGetAllDescription: INodeProperties[] = [
	// Also Call → Get Many's and Batch → Export's Task ID.
	readTaskIdField,
	...returnAllAndLimit(show),
	callFilterFields(show, 'order'),
];
