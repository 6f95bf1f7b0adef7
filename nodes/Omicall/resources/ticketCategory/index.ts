import type { INodeProperties } from 'n8n-workflow';

/** Ticket categories: operations to come (issue 13). */
export const ticketCategoryDescription: INodeProperties[] = [];
