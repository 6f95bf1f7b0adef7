import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { searchRecentCalls } from './methods/callHistory';
import { callsListSearch, callsLoadOptions } from './methods/calls';
import { crmListSearch, crmLoadOptions } from './methods/crm';
import { pbxListSearch, pbxLoadOptions } from './methods/pbx';
import { getScriptVariables, searchScripts } from './methods/scripts';
import { callDescription } from './resources/call';
import { campaignDescription } from './resources/campaign';
import { conversationDescription } from './resources/conversation';
import { evaluationCriterionDescription } from './resources/evaluationCriterion';
import { scriptDescription } from './resources/script';
import { agentDescription } from './resources/agent';
import { autoCallDescription } from './resources/autoCall';
import { contactDescription } from './resources/contact';
import { extensionDescription } from './resources/extension';
import { greetingDescription } from './resources/greeting';
import { hotlineDescription } from './resources/hotline';
import { internalGroupDescription } from './resources/internalGroup';
import { internalPhoneDescription } from './resources/internalPhone';
import { ivrMenuDescription } from './resources/ivrMenu';
import { tenantDescription } from './resources/tenant';
import { ticketDescription } from './resources/ticket';
import { ticketCategoryDescription } from './resources/ticketCategory';
import { webhookDescription } from './resources/webhook';
import { singleRequest } from './transport/request';

export class Omicall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OMICall',
		name: 'omicall',
		icon: { light: 'file:../../icons/omicall.svg', dark: 'file:../../icons/omicall.dark.svg' },
		group: ['output'],
		// 1.1: Call Purpose (Decree 91) on the operations that start calls; version 1 nodes call as
		// service calls, with a notice (nodes/shared/compliance/fields.ts).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Start OMICall (ViHAT) AI callbot campaigns, read call history and recordings, and handle omnichannel chats',
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
					{ name: 'Agent', value: 'agent', description: 'Agents (users) of the call center' },
					{
						name: 'Auto-Call',
						value: 'autoCall',
						description:
							'Plain automatic calls with a recording, text-to-speech or an IVR menu (no AI)',
					},
					{ name: 'Call', value: 'call', description: 'Call history' },
					{ name: 'Campaign', value: 'campaign', description: 'Callbot (AI auto-call) campaigns' },
					{ name: 'Contact', value: 'contact', description: 'Contacts (CRM)' },
					{ name: 'Conversation', value: 'conversation', description: 'Omnichannel chat' },
					{ name: 'Evaluation Criterion', value: 'evaluationCriterion' },
					{ name: 'Extension', value: 'extension', description: 'PBX extensions (SIP accounts)' },
					{ name: 'Greeting', value: 'greeting', description: 'PBX greeting audio files' },
					{
						name: 'Hotline',
						value: 'hotline',
						description: 'Hotlines (public numbers) of the PBX',
					},
					{
						name: 'Internal Group',
						value: 'internalGroup',
						description: 'PBX ring groups (queues)',
					},
					{
						name: 'Internal Phone',
						value: 'internalPhone',
						description: 'PBX internal phones (SIP users)',
					},
					{ name: 'IVR Menu', value: 'ivrMenu', description: 'PBX key-press menus' },
					{ name: 'Script', value: 'script', description: 'Callbot scripts' },
					{
						name: 'Tenant',
						value: 'tenant',
						description: 'The OMICall account: balance, numbers, package',
					},
					{ name: 'Ticket', value: 'ticket', description: 'Support tickets' },
					{ name: 'Ticket Category', value: 'ticketCategory', description: 'Ticket categories' },
					{
						name: 'Webhook',
						value: 'webhook',
						description: 'Webhook registrations (call records, contacts)',
					},
				],
				default: 'campaign',
			},
			...campaignDescription,
			...scriptDescription,
			...callDescription,
			...evaluationCriterionDescription,
			...conversationDescription,
			...agentDescription,
			...autoCallDescription,
			...contactDescription,
			...extensionDescription,
			...greetingDescription,
			...hotlineDescription,
			...internalGroupDescription,
			...internalPhoneDescription,
			...ivrMenuDescription,
			...tenantDescription,
			...ticketDescription,
			...ticketCategoryDescription,
			...webhookDescription,
		],
	};

	methods = {
		listSearch: {
			searchScripts,
			searchRecentCalls,
			...callsListSearch,
			...pbxListSearch,
			...crmListSearch,
		},
		loadOptions: { getScriptVariables, ...callsLoadOptions, ...pbxLoadOptions, ...crmLoadOptions },
	};
}
