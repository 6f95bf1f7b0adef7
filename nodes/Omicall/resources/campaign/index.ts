import { asText } from '../../../shared/input';
import type { INodeProperties } from 'n8n-workflow';
import { listItems, omicallOutput } from '../../transport/output';
import { campaignCountCallsDescription, prepareCountCalls } from './countCalls';
import { campaignGetManyAnalyzedLogsDescription, prepareAnalyzedLogs } from './getManyAnalyzedLogs';
import { campaignStartDescription, prepareStartCampaign, startCampaign } from './start';

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Count Calls',
				value: 'countCalls',
				action: 'Count calls of a campaign',
				description:
					'Count the calls a callbot campaign has made, optionally only those to some phone numbers. Needs the campaign ID (autocall_id) that Start returned.',
				routing: {
					request: { method: 'POST', url: '/api/call_bot/call/count' },
					send: { preSend: [prepareCountCalls] },
					output: {
						postReceive: [
							omicallOutput(function (payload) {
								return {
									autocall_id: asText(this.getNodeParameter('campaignId', '')),
									count: payload,
								};
							}),
						],
					},
				},
			},
			{
				name: 'Get Many Analyzed Logs',
				value: 'getManyAnalyzedLogs',
				action: 'Get many analyzed logs of a campaign',
				description:
					'List what customers said in callbot calls, with the intents recognised, for one campaign (by its autocall_id) or for all',
				routing: {
					request: { method: 'POST', url: '/api/call_bot/analyzed_log/list', body: {} },
					send: { preSend: [prepareAnalyzedLogs] },
					output: { postReceive: [omicallOutput(listItems)] },
				},
			},
			{
				name: 'Start',
				value: 'start',
				action: 'Start a campaign',
				description:
					'Start a callbot campaign: the chosen script calls each contact (a phone number with its script variables) and returns the campaign ID (autocall_id). Never starts the same campaign twice on a retry.',
				routing: {
					request: { method: 'POST', url: '/api/call_bot/execute_by_phone' },
					send: { preSend: [prepareStartCampaign] },
					operations: { pagination: startCampaign },
					output: {
						postReceive: [
							omicallOutput((payload) => {
								const result = (payload ?? {}) as Record<string, unknown>;
								// Keep the per-number rejections (e.g. number_dnc) visible, even when absent.
								return { ...result, errors: result.errors ?? [] };
							}),
						],
					},
				},
			},
		],
		default: 'start',
	},
	...campaignStartDescription,
	...campaignCountCallsDescription,
	...campaignGetManyAnalyzedLogsDescription,
];
