import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { omicallOutput } from '../../transport/output';
import { conversationCreateDescription, prepareConversationCreate } from './create';
import { conversationGetManyMessagesDescription, prepareGetManyMessages } from './getManyMessages';
import { conversationSendMessageDescription, prepareSendMessage } from './sendMessage';
import { fillChannel } from './shared/channel';
import { conversationTransferDescription, prepareTransfer } from './transfer';

/** Transfer is hidden from AI agents: it reassigns an agent's conversations (docs/ai-agents.md). */
export const conversationDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'conversation',
		default: 'create',
		hiddenInTool: ['transfer'],
		operations: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a conversation',
				description:
					'Open an omnichannel chat conversation for a guest (customer), handled by the chatbot or the agents; returns its _id and uuid',
				routing: {
					request: { method: 'POST', url: '/api/social/:channel/new_room' },
					send: { preSend: [fillChannel, prepareConversationCreate] },
					output: {
						postReceive: [
							omicallOutput(
								(payload) => (payload as { conversation?: unknown })?.conversation ?? payload,
							),
						],
					},
				},
			},
			{
				name: 'Get Many Messages',
				value: 'getManyMessages',
				action: 'Get many messages of a conversation',
				description: 'List the messages of a conversation. Needs the conversation _id from Create.',
				routing: {
					request: { method: 'POST', url: '/api/social/message/list' },
					send: {
						preSend: [prepareGetManyMessages],
					},
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				action: 'Send a guest message to a conversation',
				description:
					'Post a message as the guest (customer) into a conversation, with optional file links. Needs the conversation uuid from Create.',
				routing: {
					request: { method: 'POST', url: '/api/social/:channel/guest_send_message' },
					send: { preSend: [fillChannel, prepareSendMessage] },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Transfer',
				value: 'transfer',
				action: 'Transfer conversations to another agent',
				description:
					"Move an agent's conversations of the last 6 months (or only some of them) to another agent",
				routing: {
					request: { method: 'POST', url: '/api/v3/agent/conversation/transfer' },
					send: { preSend: [prepareTransfer] },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
	}),
	...conversationCreateDescription,
	...conversationSendMessageDescription,
	...conversationGetManyMessagesDescription,
	...conversationTransferDescription,
];
