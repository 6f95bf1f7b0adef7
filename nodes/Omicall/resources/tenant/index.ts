import type { INodeProperties } from 'n8n-workflow';

/** Tenant: operations to come (issue 13). */
export const tenantDescription: INodeProperties[] = [];
