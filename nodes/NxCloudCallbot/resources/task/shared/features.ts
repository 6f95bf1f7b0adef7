import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../../shared/input';
import { splitList } from '../../../../shared/lists';
import { checkedId, idList } from '../../../shared/ids';

/** Options of the task features (`funcFlag`) and agent transfer (`manualCallSetting`). */
export const taskFeatureOptions: INodeProperties[] = [
	{
		displayName: 'Keep Task Alive',
		name: 'taskKeep',
		type: 'boolean',
		default: false,
		description:
			'Whether the task stays open when it has no numbers left, so numbers can be added later (taskKeep)',
	},
	{
		displayName: 'Mask Phone Numbers',
		name: 'phoneEncrypt',
		type: 'boolean',
		default: false,
		description: 'Whether the NXCLOUD platform shows the numbers masked (phoneEncrypt)',
	},
	{
		displayName: 'Redial Unanswered Calls',
		name: 'roundRedial',
		type: 'boolean',
		default: false,
		description: 'Whether an unanswered call is redialed once within the same round (roundRedial)',
	},
	{
		displayName: 'SMS by Intent',
		name: 'sms',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add SMS Rule',
		default: {},
		description:
			'Send an SMS template when an order ends with one of these intents (smsEnable, smsFuncFlag). Needs the SMS service and an appKey set up with NXCLOUD. A later rule overrides an earlier one for the same intent.',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'SMS Template ID',
						name: 'smsId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2001',
					},
					{
						displayName: 'Intent IDs',
						name: 'intentIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. I1, I2',
						description: 'Intent IDs that trigger the SMS (comma-separated)',
					},
					{
						displayName: 'Intent Names',
						name: 'intentNames',
						type: 'string',
						default: '',
						placeholder: 'e.g. interested, call back later',
						description: 'Intent names that trigger the SMS (comma-separated; same effect as IDs)',
					},
				],
			},
		],
	},
	{
		displayName: 'Transfer to Agent',
		name: 'agentTransfer',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Agent Transfer',
		description: 'Hand calls to human agents (manualCallSetting). Only for AICC script templates.',
		options: [
			{
				displayName: 'Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Agent Group ID',
						name: 'agentGroup',
						type: 'string',
						default: '',
						placeholder: 'e.g. G0001',
					},
					{
						displayName: 'Dialing Mode',
						name: 'dispatchType',
						type: 'options',
						default: 0,
						options: [
							{ name: 'None', value: 0 },
							{ name: 'Predictive Dialing 2.0', value: 3 },
							{ name: 'Ratio Dialing', value: 1 },
						],
						description: 'Outbound mode (dispatchType)',
					},
					{
						displayName: 'Agent Call Ratio',
						name: 'ratioCallRate',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 1,
						description: 'Calls per agent in ratio dialing (ratioCallRate)',
					},
					{
						displayName: 'Predictive Call Ratio',
						name: 'predictCallRate',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 1,
						description: 'Call ratio in predictive dialing (predictCallRate)',
					},
				],
			},
		],
	},
	{
		displayName: 'Whole-Sentence Speech',
		name: 'wholeTTS',
		type: 'boolean',
		default: true,
		description:
			'Whether sentences with variables are synthesized as a whole (wholeTTS). NXCLOUD requires it when the script uses variables.',
	},
];

/**
 * `funcFlag` from the node's options. `spelling` 'both' also writes the createTask example's
 * `smsId`/`intentId` keys next to `smsID`/`intentID` (which one the server reads is not documented).
 */
export function buildFuncFlag(
	ctx: IExecuteSingleFunctions,
	spelling: 'ID' | 'both' = 'ID',
): IDataObject {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rules = ((options.sms as IDataObject | undefined)?.rule as IDataObject[] | undefined) ?? [];
	const smsFuncFlag = rules.map((rule, index) => {
		const smsID = checkedId(ctx, rule.smsId, `SMS rule ${index + 1}: SMS Template ID`);
		const intentID = idList(ctx, rule.intentIds, `SMS rule ${index + 1}: Intent IDs`);
		const intentName = splitList(rule.intentNames);
		if (!smsID)
			inputError(
				ctx,
				`SMS rule ${index + 1}: SMS Template ID`,
				'is empty',
				'Enter the SMS template ID, or remove the rule.',
			);
		if (!intentID.length && !intentName.length) {
			inputError(
				ctx,
				`SMS rule ${index + 1}`,
				'has no intent',
				'Enter the intent IDs or names that trigger the SMS.',
			);
		}
		const entry: IDataObject = { smsID, intentID, intentName };
		if (spelling === 'both') Object.assign(entry, { smsId: smsID, intentId: intentID });
		return entry;
	});
	return {
		taskKeep: options.taskKeep === true,
		roundRedial: options.roundRedial === true,
		wholeTTS: options.wholeTTS !== false,
		smsEnable: smsFuncFlag.length > 0,
		smsFuncFlag,
		phoneEncrypt: options.phoneEncrypt === true,
	};
}
