import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

export const greetingGetManyDescription: INodeProperties[] = [
	...listControls({
		show: { resource: ['greeting'], operation: ['getAll'] },
		maxPageSize: 50,
		style: 'paged',
	}),
];
