import type { INodeProperties } from 'n8n-workflow';
import { returnAllAndLimit } from '../../../shared/response';
import { callFilterFields } from '../../shared/callFilters';

const show = { resource: ['call'], operation: ['getAll'] };

/** Call → Get Many's fields after its Task ID (`readTaskIdField`, shared with Order and Batch). */
export const callGetAllDescription: INodeProperties[] = [
	...returnAllAndLimit(show),
	callFilterFields(show, 'call'),
];
