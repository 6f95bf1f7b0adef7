import { NodeOperationError, type INodeProperties, type IPollFunctions } from 'n8n-workflow';
import { splitList } from '../../shared/lists';

/** The fields of the OMICall Callbot Results Trigger (n8n adds Poll Times to a polling node). */
export const callbotResultsProperties: INodeProperties[] = [
	{
		displayName:
			'OMICall has no callbot-result webhook: this trigger reads call history (auto-calls and callbot calls) at every poll and emits each finished call once',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Campaign IDs',
		name: 'campaignIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 67ee1138e4c40956087cd265, 67ee1138e4c40956087cd266',
		description:
			'Only calls of these callbot or auto-call campaigns: the autocall_id that Campaign → Start returns (comma-separated). Empty: every auto-call and callbot call. Matched on the autocall_id field of the call record, which OMICall documents for v2 call history and the CDR webhook only (inferred for this list; both autocall_id and autocallId, text or number, are read).',
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the main fields of each call (IDs, numbers, disposition, durations, recording, time) instead of the whole call-history record',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Analyzed Log',
				name: 'includeAnalyzedLog',
				type: 'boolean',
				default: false,
				description:
					"Whether to add the campaign's analysed customer answers (intent, content) of each call, from OMICall's analysed callbot log by campaign ID; entries are matched to the call by session ID (inferred), and the log may still be incomplete when the call is emitted. At most 1,000 entries (20 pages) of each campaign's log are read per poll: when a campaign has more, analyzedLogComplete is false and entries of the call may be missing (the call is not emitted again).",
			},
			{
				displayName: 'Look-Back Window (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
				description:
					'How far before the last poll each poll reads again, to catch calls that OMICall lists late. Calls already emitted within this window are not emitted again.',
			},
			{
				displayName: 'Settle Delay (Minutes)',
				name: 'settleMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1440 },
				default: 5,
				description:
					'How old a call must be before it is emitted, so that OMICall has added its recording and talk time',
			},
			{
				displayName: 'Test Event Count',
				name: 'testEventCount',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 3,
				description:
					'How many of the latest calls Fetch Test Event returns (it does not move the poller on)',
			},
		],
	},
];

export interface PollSettings {
	campaigns: string[];
	simplify: boolean;
	includeAnalyzedLog: boolean;
	lookBackMs: number;
	settleMs: number;
	testEventCount: number;
}

const MINUTE = 60_000;

/** The node's parameters, checked: a bad value is an error naming the field and the fix. */
export function pollSettings(ctx: IPollFunctions): PollSettings {
	const options = ctx.getNodeParameter('options', {}) as Record<string, unknown>;
	const number = (name: string, label: string, fallback: number, min: number, max: number) => {
		const raw = options[name] ?? fallback;
		const value = Number(raw);
		if (!Number.isFinite(value) || value < min || value > max) {
			throw new NodeOperationError(ctx.getNode(), `${label} is ${String(raw)}`, {
				description: `Set ${label} to a number from ${min} to ${max}.`,
			});
		}
		return value;
	};
	const campaigns = splitList(ctx.getNodeParameter('campaignIds', ''));
	for (const campaign of campaigns) {
		if (campaign.length > 100 || [...campaign].some((char) => char.charCodeAt(0) < 32)) {
			throw new NodeOperationError(ctx.getNode(), `Campaign IDs has an invalid ID`, {
				description: 'Give autocall_id values, e.g. 67ee1138e4c40956087cd265, comma-separated.',
			});
		}
	}
	return {
		campaigns,
		simplify: ctx.getNodeParameter('simplify', true) as boolean,
		includeAnalyzedLog: options.includeAnalyzedLog === true,
		lookBackMs: number('lookBackMinutes', 'Look-Back Window (Minutes)', 60, 1, 10080) * MINUTE,
		settleMs: number('settleMinutes', 'Settle Delay (Minutes)', 5, 0, 1440) * MINUTE,
		testEventCount: Math.floor(number('testEventCount', 'Test Event Count', 3, 1, 50)),
	};
}
