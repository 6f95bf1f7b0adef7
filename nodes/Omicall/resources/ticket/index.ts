import type { INodeProperties } from 'n8n-workflow';

/** Tickets: operations to come (issue 13). */
export const ticketDescription: INodeProperties[] = [];
