import type { INodeProperties } from 'n8n-workflow';
import { omicallOutput } from '../../transport/output';
import { conversationCreateDescription, prepareConversationCreate } from './create';
import { conversationGetManyMessagesDescription, prepareGetManyMessages } from './getManyMessages';
import { conversationSendMessageDescription, prepareSendMessage } from './sendMessage';
import { fillChannel } from './shared/channel';
import { conversationTransferDescription, prepareTransfer } from './transfer';

export const conversationDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a conversation',
				description:
					'Open an omnichannel conversation for a guest, handled by the chatbot or agents',
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
				description: 'List the messages of a conversation',
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
				action: 'Send a message as the guest',
				description: 'Post a guest message, with attachments, into a conversation',
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
				description: "Move an agent's conversations of the last 6 months to another agent",
				routing: {
					request: { method: 'POST', url: '/api/v3/agent/conversation/transfer' },
					send: { preSend: [prepareTransfer] },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
		default: 'create',
	},
	...conversationCreateDescription,
	...conversationSendMessageDescription,
	...conversationGetManyMessagesDescription,
	...conversationTransferDescription,
];
