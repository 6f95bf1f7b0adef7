import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { requiredEmail } from '../internalPhone/shared/pbx';
import { agentLocator } from './shared/agentLocator';

export const agentDeleteDescription: INodeProperties[] = [
	agentLocator(
		'agent',
		{ resource: ['agent'], operation: ['delete'] },
		'The agent to remove from the tenant, by login email',
	),
];

/** Puts the checked agent email into the query (`identify_info`). */
export async function sendAgentToDelete(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const email = requiredEmail(
		this,
		this.getNodeParameter('agent', '', { extractValue: true }),
		'Agent',
		"Choose an agent from the list or enter the agent's login email.",
	);
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), identify_info: email } };
}
