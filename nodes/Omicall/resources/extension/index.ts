import type { INodeProperties } from 'n8n-workflow';

/** Extensions: operations to come (issue 13). */
export const extensionDescription: INodeProperties[] = [];
