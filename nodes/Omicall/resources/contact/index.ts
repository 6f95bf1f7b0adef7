import type { INodeProperties } from 'n8n-workflow';

/** Contacts: operations to come (issue 13). */
export const contactDescription: INodeProperties[] = [];
