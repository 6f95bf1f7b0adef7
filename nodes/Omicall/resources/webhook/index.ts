import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { hideUrlSecrets, webhookGetManyDescription } from './getAll';
import { prepareWebhookRegister, webhookRegisterDescription } from './register';
import { webhookRemoveDescription } from './remove';

/**
 * Webhook registrations, OMICall section 4.5. OMICall keeps one webhook per type, so Register and
 * Remove change what the OMICall Trigger registered (trigger/registration.ts): both are hidden from
 * AI agents.
 */
export const webhookDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'webhook',
		default: 'getAll',
		hiddenInTool: ['register', 'remove'],
		operations: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many webhooks',
				description:
					'List the webhooks registered in OMICall (URL with its query values redacted, type, status, events)',
				routing: {
					request: { method: 'GET', url: '/api/webhooks/list' },
					output: { postReceive: [omicallOutput(listItems), hideUrlSecrets] },
				},
			},
			{
				name: 'Register',
				value: 'register',
				action: 'Register a webhook',
				description:
					'Register the webhook of a type, replacing the one there (also an OMICall Trigger node’s)',
				routing: {
					request: { method: 'POST', url: '/api/webhooks/register' },
					send: { preSend: [prepareWebhookRegister] },
					output: {
						postReceive: [
							omicallOutput(function () {
								const hookType = String(this.getNodeParameter('hookType', 'call'));
								const events =
									hookType === 'call_event' ? this.getNodeParameter('events', []) : null;
								return { registered: true, hookType, events };
							}),
						],
					},
				},
			},
			{
				name: 'Remove',
				value: 'remove',
				action: 'Remove a webhook',
				description:
					'Remove the webhook of a type, also the one an OMICall Trigger node registered',
				routing: {
					request: { method: 'POST', url: '/api/webhooks/destroy' },
					output: {
						postReceive: [
							omicallOutput(function () {
								return {
									deleted: true,
									hookType: String(this.getNodeParameter('hookType', 'call')),
								};
							}),
						],
					},
				},
			},
		],
	}),
	...webhookGetManyDescription,
	...webhookRegisterDescription,
	...webhookRemoveDescription,
];
