import type { IDataObject } from 'n8n-workflow';
import { isPlainObject, textOf } from '../../shared/webhook/request';

/**
 * What OMICall posts and how to tell the kinds apart (OMICall pages Webhooks, call hooks and Omnichannel; partly inferred):
 * - `transaction_id` and `state: "cdr"` → end-of-call CDR (7.2);
 * - `call_uuid` and `state` ringing / answered / hangup (also create / early) → call event (7.3);
 * - `content` / `conv_uuid` → omnichannel chat message (7.5, shape inferred);
 * - `action: "CONVERSATION_AGENT_TRANSFER"` and `requestId` → transfer result (7.6).
 */
export type OmicallEvent = 'callEnded' | 'callState' | 'chatMessage' | 'transferResult' | 'other';

export const OMICALL_EVENT_OPTIONS: Array<{
	name: string;
	value: OmicallEvent;
	description: string;
}> = [
	{
		name: 'Call Ended (CDR)',
		value: 'callEnded',
		description: 'The call detail record OMICall posts when a call finishes',
	},
	{
		name: 'Call State Changed',
		value: 'callState',
		description: 'A live call event: ringing, answered or hangup (also create and early)',
	},
	{
		name: 'Chat Message',
		value: 'chatMessage',
		description: 'The chatbot or an agent replied in an omnichannel conversation',
	},
	{
		name: 'Conversation Transfer Result',
		value: 'transferResult',
		description:
			'The result of a conversation transfer (Conversation → Transfer with a callback URL)',
	},
	{
		name: 'Other (Unrecognized Payload)',
		value: 'other',
		description:
			'Any delivery that matches none of the above, e.g. a chat payload in a shape OMICall has not published',
	},
];

/** The live call states: documented ones first, then the ones third parties report. */
export const CALL_STATES = ['ringing', 'answered', 'hangup', 'create', 'early'];

/** Call states asked for when the trigger registers the call-event webhook (the documented ones). */
export const REGISTERED_CALL_STATES = ['ringing', 'answered', 'hangup'];

export const TRANSFER_ACTION = 'CONVERSATION_AGENT_TRANSFER';

export interface OmicallDelivery {
	event: OmicallEvent;
	/** The payload for the output: a CDR wrapped in `payload` is unwrapped. */
	payload: IDataObject;
}

function classifyObject(body: IDataObject): OmicallDelivery | undefined {
	const requestId = textOf(body.requestId);
	const action = textOf(body.action);
	if (action.toUpperCase() === TRANSFER_ACTION || (requestId && action)) {
		return { event: 'transferResult', payload: body };
	}

	const transactionId = textOf(body.transaction_id);
	const callUuid = textOf(body.call_uuid);
	const callId = transactionId || callUuid;
	const state = textOf(body.state).toLowerCase();
	if (callId) {
		// A CDR says state "cdr"; tolerate a CDR without state (it has transaction_id).
		if (state === 'cdr' || (!state && transactionId)) {
			return { event: 'callEnded', payload: body };
		}
		if (CALL_STATES.includes(state)) {
			return { event: 'callState', payload: body };
		}
	}

	if (body.content !== undefined || textOf(body.conv_uuid)) {
		return { event: 'chatMessage', payload: body };
	}
	return undefined;
}

/** Classifies one delivery; a call or chat payload wrapped in `payload` is unwrapped. */
export function classifyOmicallDelivery(body: IDataObject): OmicallDelivery {
	const direct = classifyObject(body);
	if (direct) return direct;
	if (isPlainObject(body.payload)) {
		const wrapped = classifyObject(body.payload);
		if (wrapped && wrapped.event !== 'transferResult') return wrapped;
	}
	return { event: 'other', payload: body };
}
