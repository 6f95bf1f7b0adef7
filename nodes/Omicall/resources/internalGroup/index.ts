import type { INodeProperties } from 'n8n-workflow';

/** Internal groups: operations to come (issue 13). */
export const internalGroupDescription: INodeProperties[] = [];
