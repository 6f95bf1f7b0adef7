import type { INodeProperties } from 'n8n-workflow';
import { membersDescription } from './shared/members';

export const internalGroupRemoveMembersDescription: INodeProperties[] =
	membersDescription('removeMembers');
