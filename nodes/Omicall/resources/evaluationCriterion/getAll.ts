import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

export const evaluationCriterionGetManyDescription: INodeProperties[] = [
	...listControls({
		show: { resource: ['evaluationCriterion'], operation: ['getAll'] },
		maxPageSize: 50,
		style: 'single',
	}),
];
