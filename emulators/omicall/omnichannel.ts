/** OMICall API section 4.3: omnichannel rooms, messages and agent transfers. */
import { failA, hex24, ok, pageParams, uuid, type Json } from './answers';
import type { OmicallState, SecuredRoute } from './state';

/** Registers the omnichannel endpoints. */
export function omnichannelRoutes(emulator: OmicallState, secured: SecuredRoute): void {
	const channels = ['livetalk', 'facebook', 'zalo'];
	secured('POST', '/api/social/:channel/new_room', (request, { channel }) => {
		if (!channels.includes(channel)) return failA('data_is_required', 'Unknown channel');
		const body = (request.body ?? {}) as Json;
		const conversationUuid = String(body.uuid || `000000000000-${emulator.conversations.size + 1}`);
		const guest = (body.guest_info ?? {}) as Json;
		const conversation = {
			_id: hex24(`room-${conversationUuid}`),
			uuid: conversationUuid,
			channel,
			guest_info: {
				phone: guest.phone ?? null,
				full_name: guest.full_name ?? null,
				email: null,
				contact_id: null,
				new_contact: false,
				uuid: conversationUuid,
				domain: guest.domain ?? '',
			},
			status: 'active',
			name: guest.full_name ?? guest.phone ?? conversationUuid,
			start_type: 'script',
			members: [],
			last_message: null,
			created_date: Date.now(),
			last_updated_date: Date.now(),
		};
		emulator.conversations.set(conversationUuid, conversation);
		return ok({ conversation });
	});
	secured('POST', '/api/social/:channel/guest_send_message', (request) => {
		const body = (request.body ?? {}) as Json;
		const conversation = emulator.conversations.get(String(body.uuid ?? ''));
		if (!conversation) return failA('resource_not_found', 'Conversation not found');
		if (!body.content) return failA('data_is_required', 'content is required');
		const message = {
			_id: hex24(`msg-${emulator.messages.length}`),
			uuid: uuid(`msg-${emulator.messages.length}`),
			conv_uuid: conversation.uuid,
			room_id: conversation._id,
			member_type: 'guest',
			type: 'chat',
			kind: 'normal',
			content: body.content,
			multimedias:
				Array.isArray(body.multimedias) && body.multimedias.length ? body.multimedias : null,
			created_date: Date.now(),
			last_updated_date: Date.now(),
		};
		emulator.messages.push(message);
		return ok(message);
	});
	secured('POST', '/api/social/message/list', (request) => {
		const body = (request.body ?? {}) as Json;
		if (!body.conv_id) return failA('data_is_required', 'conv_id is required');
		const { page, size } = pageParams(request, 15);
		const rows = emulator.messages.filter(
			(m) => m.room_id === body.conv_id || m.conv_uuid === body.conv_id,
		);
		const from = emulator.pagingFault === 'repeatPage' ? 0 : (page - 1) * size;
		return ok(rows.slice(from, from + size));
	});
	secured('POST', '/api/v3/agent/conversation/transfer', (request) => {
		const body = (request.body ?? {}) as Json;
		if (!body.sourceEmail || !body.targetEmail)
			return failA('data_is_required', 'sourceEmail and targetEmail are required');
		const requestId = uuid(`transfer-${Date.now()}-${Math.random()}`);
		const config = body.callbackResultConfig as
			| { url?: string; headers?: Record<string, string> }
			| undefined;
		if (config?.url) {
			const requestTimeMs = Date.now();
			void emulator.deliver(config.url, config.headers ?? {}, {
				requestId,
				requestTimeMs,
				action: 'CONVERSATION_AGENT_TRANSFER',
				status: 'SUCCESS',
				responseTimeMs: requestTimeMs + 300,
				payload: { updatedRecords: 8 },
			});
		}
		return ok({ requestId }, 202);
	});
}
