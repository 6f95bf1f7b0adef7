import type { INodeProperties } from 'n8n-workflow';

/** Auto-call (plain, no AI): operations to come (issue 13). */
export const autoCallDescription: INodeProperties[] = [];
