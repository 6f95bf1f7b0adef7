import type { INodeProperties } from 'n8n-workflow';
import { callFilterFields } from '../../shared/callFilters';
import { taskIdField } from '../../shared/descriptions';
import { listControls } from '../../shared/pagination';

const show = { resource: ['order'], operation: ['getAll'] };

export const orderGetManyDescription: INodeProperties[] = [
	taskIdField(show),
	...listControls(show),
	callFilterFields(show, 'order'),
];
