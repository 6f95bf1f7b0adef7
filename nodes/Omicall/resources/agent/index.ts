import type { INodeProperties } from 'n8n-workflow';

/** Agents: operations to come (issue 13). */
export const agentDescription: INodeProperties[] = [];
