import type { INodeProperties } from 'n8n-workflow';
import { ivrMenuLocator } from './shared/ivrFields';

export const ivrMenuDeleteDescription: INodeProperties[] = [
	ivrMenuLocator({ resource: ['ivrMenu'], operation: ['delete'] }),
];
