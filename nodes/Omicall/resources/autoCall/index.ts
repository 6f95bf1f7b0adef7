import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { omicallOutput } from '../../transport/output';
import {
	autoCallStartByExtensionDescription,
	prepareStartByExtension,
	sendStartByExtension,
} from './startByExtension';
import {
	autoCallStartByPhoneDescription,
	prepareStartByPhone,
	sendStartByPhone,
} from './startByPhone';

/**
 * Plain auto-call (recording, text-to-speech, IVR; no AI), OMICall section 4.7. The v2 endpoint
 * (`POST /api/v2/autoCall/executeByPhone`) is left out: the field that carries its phone list and
 * its answer are not documented.
 */
export const autoCallDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'autoCall',
		default: 'startByPhone',
		operations: [
			{
				name: 'Start by Extension',
				value: 'startByExtension',
				action: 'Start an auto-call to extensions',
				description: 'Call internal phones (extensions) with recordings or text-to-speech',
				routing: {
					request: { method: 'POST', url: '/api/auto_call/execute_by_extension' },
					send: { preSend: [prepareStartByExtension] },
					operations: { pagination: sendStartByExtension },
					output: { postReceive: [omicallOutput()] },
				},
			},
			{
				name: 'Start by Phone',
				value: 'startByPhone',
				action: 'Start an auto-call to phone numbers',
				description: 'Call a list of numbers with recordings, text-to-speech or an IVR menu',
				routing: {
					request: { method: 'POST', url: '/api/auto_call/execute_by_phone' },
					send: { preSend: [prepareStartByPhone] },
					operations: { pagination: sendStartByPhone },
					output: { postReceive: [omicallOutput()] },
				},
			},
		],
	}),
	...autoCallStartByPhoneDescription,
	...autoCallStartByExtensionDescription,
];
