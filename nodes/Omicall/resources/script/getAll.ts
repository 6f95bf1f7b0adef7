import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

export const scriptGetManyDescription: INodeProperties[] = [
	...listControls({
		show: { resource: ['script'], operation: ['getAll'] },
		maxPageSize: 50,
		style: 'single',
	}),
];
