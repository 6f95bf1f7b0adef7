import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { omicallOutput } from '../../transport/output';
import { extensionGetDescription, sendExtensionLookup } from './get';
import { hideSipPasswords } from '../../shared/sipPasswords';

export const extensionDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'extension',
		default: 'get',
		operations: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an extension',
				description: 'Get the SIP account of an extension (server, realm, transports)',
				routing: {
					request: { method: 'GET', url: '/api/call_center/extensions/detail' },
					send: { preSend: [sendExtensionLookup] },
					output: { postReceive: [omicallOutput(), hideSipPasswords] },
				},
			},
		],
	}),
	...extensionGetDescription,
];
