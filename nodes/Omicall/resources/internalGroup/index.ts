import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { internalGroupAddMembersDescription } from './addMembers';
import { internalGroupCreateDescription, prepareInternalGroupCreate } from './create';
import { internalGroupDeleteDescription } from './delete';
import { internalGroupGetManyDescription } from './getAll';
import { internalGroupRemoveMembersDescription } from './removeMembers';
import { fillInternalGroupId, internalGroupId } from './shared/groupFields';
import { membersEcho, prepareMembers } from './shared/members';
import { internalGroupUpdateDescription, prepareInternalGroupUpdate } from './update';
import { changeOutput, deletedOutput } from '../../shared/outputs';

const BASE = '/api/call_center/internal_group';
const idEcho = (ctx: Parameters<typeof internalGroupId>[0]): IDataObject => ({
	id: internalGroupId(ctx),
});

export const internalGroupDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'internalGroup',
		default: 'getAll',
		hiddenInTool: ['addMembers', 'create', 'delete', 'removeMembers', 'update'],
		operations: [
			{
				name: 'Add Members',
				value: 'addMembers',
				action: 'Add members to an internal group',
				description: 'Add internal phones (SIP users) to a ring group',
				routing: {
					request: { method: 'POST', url: `${BASE}/add-members` },
					send: { preSend: [prepareMembers] },
					output: { postReceive: [changeOutput(membersEcho)] },
				},
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create an internal group',
				description: 'Create a ring group of internal phones',
				routing: {
					request: { method: 'POST', url: `${BASE}/add` },
					send: { preSend: [prepareInternalGroupCreate] },
					output: {
						postReceive: [
							changeOutput((ctx) => ({
								group_name: String(ctx.getNodeParameter('groupName', '')).trim(),
							})),
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an internal group',
				description: 'Delete a ring group (its internal phones stay)',
				routing: {
					request: { method: 'DELETE', url: `${BASE}/delete/:id` },
					send: { preSend: [fillInternalGroupId] },
					output: { postReceive: [deletedOutput('internalGroup')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many internal groups',
				description: 'List the ring groups with their group numbers',
				routing: {
					request: { method: 'GET', url: `${BASE}/list` },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Remove Members',
				value: 'removeMembers',
				action: 'Remove members from an internal group',
				description: 'Take internal phones (SIP users) out of a ring group (the phones stay)',
				routing: {
					request: { method: 'POST', url: `${BASE}/remove-members` },
					send: { preSend: [prepareMembers] },
					output: { postReceive: [changeOutput(membersEcho)] },
				},
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an internal group',
				description: "Change a ring group's name, members, strategy or timeout",
				routing: {
					request: { method: 'POST', url: `${BASE}/update/:id` },
					send: { preSend: [fillInternalGroupId, prepareInternalGroupUpdate] },
					output: { postReceive: [changeOutput(idEcho)] },
				},
			},
		],
	}),
	...internalGroupGetManyDescription,
	...internalGroupCreateDescription,
	...internalGroupUpdateDescription,
	...internalGroupAddMembersDescription,
	...internalGroupRemoveMembersDescription,
	...internalGroupDeleteDescription,
];
