import type { INodeProperties } from 'n8n-workflow';

/** IVR menus: operations to come (issue 13). */
export const ivrMenuDescription: INodeProperties[] = [];
