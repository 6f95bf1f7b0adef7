import type { INodeProperties } from 'n8n-workflow';

/** Hotlines: operations to come (issue 13). */
export const hotlineDescription: INodeProperties[] = [];
