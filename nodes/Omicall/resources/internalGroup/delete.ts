import type { INodeProperties } from 'n8n-workflow';
import { internalGroupLocator } from './shared/groupFields';

export const internalGroupDeleteDescription: INodeProperties[] = [
	internalGroupLocator({ resource: ['internalGroup'], operation: ['delete'] }),
];
