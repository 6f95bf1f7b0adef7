import type { INodeProperties } from 'n8n-workflow';

/** Greetings: operations to come (issue 13). */
export const greetingDescription: INodeProperties[] = [];
