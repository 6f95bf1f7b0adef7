import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { agentDeleteDescription, sendAgentToDelete } from './delete';
import { agentGetManyDescription } from './getAll';
import { agentInviteDescription, prepareAgentInvite } from './invite';
import { deletedOutput } from '../../shared/outputs';
import { hideSipPasswords } from '../../shared/sipPasswords';

export const agentDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'agent',
		default: 'getAll',
		hiddenInTool: ['delete', 'invite'],
		operations: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an agent',
				description: 'Remove an agent (user) from the tenant, by login email',
				routing: {
					request: { method: 'DELETE', url: '/api/agent/delete' },
					send: { preSend: [sendAgentToDelete] },
					output: { postReceive: [deletedOutput('agent')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description:
					'List the agents of the tenant (deprecated by OMICall from 1 April 2026 in favour of v3)',
				routing: {
					request: { method: 'GET', url: '/api/agent/list' },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Invite',
				value: 'invite',
				action: 'Invite an agent',
				description: 'Create an agent with a login and a PBX account (SIP user)',
				routing: {
					request: { method: 'POST', url: '/api/agent/invite' },
					send: { preSend: [prepareAgentInvite] },
					output: { postReceive: [omicallOutput(), hideSipPasswords] },
				},
			},
		],
	}),
	...agentGetManyDescription,
	...agentInviteDescription,
	...agentDeleteDescription,
];
