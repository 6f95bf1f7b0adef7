import type { INodeProperties } from 'n8n-workflow';

/** Internal phones: operations to come (issue 13). */
export const internalPhoneDescription: INodeProperties[] = [];
