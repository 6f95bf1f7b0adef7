import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { internalPhoneGetManyDescription } from './getAll';
import {
	internalPhoneStatusEcho,
	internalPhoneUpdateStatusDescription,
	sendInternalPhoneStatus,
} from './updateStatus';
import { changeOutput } from '../../shared/outputs';
import { hideSipPasswords } from '../../shared/sipPasswords';

export const internalPhoneDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'internalPhone',
		default: 'getAll',
		hiddenInTool: ['updateStatus'],
		operations: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many internal phones',
				description: 'List the PBX internal phones (SIP accounts) with their agents',
				routing: {
					request: { method: 'GET', url: '/api/call_center/internal_phone/list' },
					output: { postReceive: [omicallOutput(listItems), hideSipPasswords] },
				},
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Update the status of an internal phone',
				description: 'Turn an internal phone on or off',
				routing: {
					request: { method: 'PUT', url: '/api/call_center/internal_phone/status' },
					send: { preSend: [sendInternalPhoneStatus] },
					output: { postReceive: [changeOutput(internalPhoneStatusEcho)] },
				},
			},
		],
	}),
	...internalPhoneGetManyDescription,
	...internalPhoneUpdateStatusDescription,
];
