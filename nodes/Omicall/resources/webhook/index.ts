import type { INodeProperties } from 'n8n-workflow';

/** Webhook registrations: operations to come (issue 13). */
export const webhookDescription: INodeProperties[] = [];
