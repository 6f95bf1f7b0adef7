import type { INodeProperties } from 'n8n-workflow';
import { operationProperties } from '../../../shared/toolMode';
import { listItems, omicallOutput } from '../../transport/output';
import { greetingCreateFromTextDescription, prepareGreetingFromText } from './createFromText';
import { greetingDeleteDescription } from './delete';
import { greetingGetManyDescription } from './getAll';
import { fillGreetingId } from '../../shared/locators';
import { changeOutput, deletedOutput } from '../../shared/outputs';

export const greetingDescription: INodeProperties[] = [
	...operationProperties({
		resource: 'greeting',
		default: 'getAll',
		hiddenInTool: ['createFromText', 'delete'],
		operations: [
			{
				name: 'Create From Text',
				value: 'createFromText',
				action: 'Create a greeting from text',
				description: 'Create a greeting audio file by text-to-speech (at most 300 characters)',
				routing: {
					request: {
						method: 'POST',
						url: '/api/call_center/greeting/upload-text-to-speech',
					},
					send: { preSend: [prepareGreetingFromText] },
					output: {
						postReceive: [
							changeOutput((ctx) => ({
								greeting_name: String(ctx.getNodeParameter('greetingName', '')).trim(),
							})),
						],
					},
				},
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a greeting',
				description: 'Delete a greeting audio file from the PBX',
				routing: {
					request: { method: 'DELETE', url: '/api/call_center/greeting/delete/:id' },
					send: { preSend: [fillGreetingId] },
					output: { postReceive: [deletedOutput('greeting')] },
				},
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many greetings',
				description: 'List the greeting audio files of the PBX',
				routing: {
					request: { method: 'GET', url: '/api/call_center/greeting/list' },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
		],
	}),
	...greetingGetManyDescription,
	...greetingCreateFromTextDescription,
	...greetingDeleteDescription,
];
