import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { checkedEmail } from '../../shared/checks';
import { agentLocator } from '../../shared/locators';

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
	const email = checkedEmail(
		this,
		this.getNodeParameter('agent', '', { extractValue: true }),
		'Agent',
		{ fix: "Choose an agent from the list or enter the agent's login email." },
	);
	return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), identify_info: email } };
}
