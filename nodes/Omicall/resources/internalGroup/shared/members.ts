import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { internalGroupId, internalGroupLocator, sipUsersField } from './groupFields';
import { sipUserList } from '../../../shared/checks';

/** The fields of Add Members and Remove Members: the group and the SIP users. */
export function membersDescription(operation: string): INodeProperties[] {
	const show = { resource: ['internalGroup'], operation: [operation] };
	return [internalGroupLocator(show), sipUsersField('sipUsers', 'SIP Users', show)];
}

/** The checked body of both: `{group_id, sip_users[]}`. */
export async function prepareMembers(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body: IDataObject = {
		group_id: internalGroupId(this),
		sip_users: sipUserList(this, this.getNodeParameter('sipUsers', []), 'SIP Users'),
	};
	return { ...requestOptions, body };
}

/** What was asked, for the output when OMICall answers without a record. */
export function membersEcho(ctx: IExecuteSingleFunctions): IDataObject {
	return {
		group_id: internalGroupId(ctx),
		sip_users: sipUserList(ctx, ctx.getNodeParameter('sipUsers', []), 'SIP Users'),
	};
}
