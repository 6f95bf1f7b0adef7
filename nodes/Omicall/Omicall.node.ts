import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { getScriptVariables, searchScripts } from './methods/scripts';
import { callDescription } from './resources/call';
import { campaignDescription } from './resources/campaign';
import { conversationDescription } from './resources/conversation';
import { evaluationCriterionDescription } from './resources/evaluationCriterion';
import { scriptDescription } from './resources/script';
import { singleRequest } from './transport/request';

export class Omicall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall',
		name: 'omicall',
		icon: { light: 'file:../../icons/omicall.svg', dark: 'file:../../icons/omicall.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Start OMICall callbot campaigns, read call history and hand over omnichannel chats',
		defaults: { name: 'OMICall' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'omicallApi', required: true }],
		requestDefaults: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			json: true,
			arrayFormat: 'repeat',
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				// Every request goes through a pagination function that ends in sendOmicall (path and
				// query checks, the 30 s timeout, one token refresh when OMICall refuses the token inside
				// an HTTP 200 answer). Operations with their own pagination function replace this one.
				routing: { send: { paginate: true }, operations: { pagination: singleRequest } },
				options: [
					{ name: 'Call', value: 'call', description: 'Call history' },
					{ name: 'Campaign', value: 'campaign', description: 'Callbot (AI auto-call) campaigns' },
					{ name: 'Conversation', value: 'conversation', description: 'Omnichannel chat' },
					{ name: 'Evaluation Criterion', value: 'evaluationCriterion' },
					{ name: 'Script', value: 'script', description: 'Callbot scripts' },
				],
				default: 'campaign',
			},
			...campaignDescription,
			...scriptDescription,
			...callDescription,
			...evaluationCriterionDescription,
			...conversationDescription,
		],
	};

	methods = {
		listSearch: { searchScripts },
		loadOptions: { getScriptVariables },
	};
}
