import type { INodeProperties } from 'n8n-workflow';
import { listControls } from '../../transport/pagination';

const show = { resource: ['webhook'], operation: ['getAll'] };

// OMICall answers the whole list at once (a plain array): the Limit cuts it.
export const webhookGetManyDescription: INodeProperties[] = [
	...listControls({ show, maxPageSize: 0, style: 'single' }),
];
