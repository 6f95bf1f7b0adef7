import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { callPurposeProperties } from '../../../shared/compliance/fields';
import { idempotencyKeyOption } from '../../../shared/idempotency';
import { planErrorItems, planOf, withNoPlan, withPlan } from '../../../shared/plan';
import {
	contactsFields,
	contactsSourceField,
	duplicateNumbersField,
} from '../../../shared/contacts';
import { forgetNumbers, recordNumbers, withSummaries } from '../../shared/advertising';
import { scriptLocator } from '../../shared/descriptions';
import { isDefiniteRefusal } from '../../shared/sendOnce';
import { nodeError, sendOmicall } from '../../transport/request';
import { omicallErrorCode } from '../../transport/errors';
import { CONTACTS } from './shared/contacts';
import { vendorDoNotCall } from './shared/guard';
import { LIMITS } from './shared/settings';
import { planCampaign, type CampaignPlan } from './shared/startPlan';

/**
 * Campaign → Start: its fields and its hooks. The path from the parameters to the output items is
 * described in ./shared/startPlan.ts.
 */

const show = { resource: ['campaign'], operation: ['start'] };

export const campaignStartDescription: INodeProperties[] = [
	{ ...scriptLocator, displayOptions: { show } },
	{
		displayName: 'Hotline',
		name: 'hotline',
		type: 'string',
		default: '',
		placeholder: 'e.g. 842899990338',
		description:
			'Hotline or SIP number that places the calls (cid). Leave empty for on-net calling.',
		displayOptions: { show },
	},
	contactsSourceField(show, {
		displayName: 'Contacts Source',
		itemsName: 'One Contact per Input Item',
		itemsDescription:
			'Start one campaign for all input items; map each item to a contact with expressions',
		defineDescription: 'Start one campaign per input item, with the contacts listed below',
		jsonDescription:
			'Start one campaign per input item, with the contacts in a JSON array (e.g. from a CRM webhook)',
	}),
	...contactsFields(CONTACTS, show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto Pause',
				name: 'autoPause',
				type: 'boolean',
				default: false,
				description:
					'Whether the campaign pauses itself when no agent is available (only for scripts that hand calls to an internal group)',
			},
			{
				displayName: 'Calls per Round',
				name: 'callsPerRound',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: LIMITS.callsPerRound.max },
				default: 15,
				description: `Number of calls placed per round (num_per_call), 1 to ${LIMITS.callsPerRound.max}`,
			},
			{
				displayName: 'Campaign Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. May appointment reminders',
			},
			{
				displayName: 'Deduplication Session ID',
				name: 'extSessionId',
				type: 'string',
				default: '',
				placeholder: 'e.g. crm-campaign-0001',
				description:
					'Your own session ID (ext_session_id). OMICall refuses a second campaign with the same ID. When empty, the node derives one from the Idempotency Key, or else from the execution, node and item, so Retry On Fail never starts the same campaign twice.',
			},
			duplicateNumbersField({
				description:
					'What to do when the same phone number (in any spelling, e.g. 0912345678 and +84 912 345 678) is given more than once in this run',
				callOnceDescription:
					'Send the number once; each repeat gets an output item with skipped: true and the item it repeats',
				errorDescription: 'Start nothing and name the items that give the same number',
			}),
			idempotencyKeyOption,
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.retries.max },
				default: 0,
				description: `How often to redial a contact that does not answer (num_retry), 0 to ${LIMITS.retries.max}`,
			},
			{
				displayName: 'Seconds Between Retries',
				name: 'secondsBetweenRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.secondsBetweenRetries.max },
				default: 0,
				description:
					'Wait before a redial (distance_retry; OMICall does not state the unit, seconds assumed), at most one day',
			},
			{
				displayName: 'Seconds Between Rounds',
				name: 'secondsBetweenRounds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.secondsBetweenRounds.max },
				default: 30,
				description: 'Wait between rounds of calls (distance_per_call), at most one day',
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: -3, maxValue: 3 },
				default: 0,
				description: 'Text-to-speech reading speed, from -3 (slowest) to 3 (fastest)',
			},
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description:
					'When the campaign starts (sent as send_time in milliseconds). Empty starts it now; a time already past is refused. With Call Purpose Advertising, a start outside 08:00–17:00 Vietnam time is moved to the next 08:00, and the output says so.',
			},
			{
				displayName: 'Voice',
				name: 'voice',
				type: 'options',
				default: 'northern_female_ngocanh',
				options: [
					{ name: 'Hồng Anh (Southern Female)', value: 'southern_female_honganh' },
					{ name: 'Ngọc Anh (Northern Female)', value: 'northern_female_ngocanh' },
					{ name: 'Tiến Huy (Southern Male)', value: 'southern_male_tienhuy' },
				],
				description: 'Text-to-speech voice',
			},
		],
	},
	...callPurposeProperties(show),
];

/**
 * Checks the input and plans the execute_by_phone request of this item (if it sends one). The plan
 * reaches the pagination function `startCampaign` as the body of the returned request options
 * (`withPlan`, nodes/shared/plan.ts; Omicall.node.ts turns pagination on for every operation), and
 * `startCampaign` sends the plan's own body in its place. An item without a plan (not the leading
 * item of "One Contact per Input Item") has none there (`withNoPlan`) and sends nothing.
 */
export async function prepareStartCampaign(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const plan = planCampaign(this);
	if (!plan) return withNoPlan(requestOptions);
	return withPlan(
		{
			...requestOptions,
			qs: { ...(requestOptions.qs ?? {}), cid: (plan.body?.cid as string) ?? '' },
		},
		plan,
	);
}

/**
 * Error items of a campaign that could not be started (Continue On Fail): one per input item it
 * covered, with the session ID (a re-run with the same Idempotency Key or Deduplication Session ID
 * cannot start it twice, in case OMICall did start it and the answer was lost).
 */
function failedCampaignItems(plan: CampaignPlan, error: unknown): INodeExecutionData[] {
	return planErrorItems(
		error,
		plan.paired.map((paired) => paired.item),
		{ fallback: 'The campaign could not be started', more: { ext_session_id: plan.sessionId } },
	);
}

/**
 * Whether OMICall refused the campaign because its ext_session_id was used before. The code is
 * not documented, so any code or message that names the session and says it exists (or is a
 * duplicate, or already used) counts.
 */
function isRepeatedSession(error: unknown): boolean {
	const context = (error as { context?: IDataObject })?.context ?? {};
	const response = ((error as { errorResponse?: IDataObject })?.errorResponse ?? {}) as IDataObject;
	const texts = [String(context.vendorCode ?? ''), omicallErrorCode(response)];
	const payload = response.payload as IDataObject | undefined;
	if (payload && typeof payload.message === 'string') texts.push(payload.message);
	return texts.some((text) => /session/i.test(text) && /exist|duplicat|already|used/i.test(text));
}

/**
 * Sends the campaign of this item (items that send nothing give no output), and outputs it with
 * the left-out duplicates and bad rows. When OMICall refuses the ext_session_id as used before,
 * the campaign was started earlier (by a lost attempt that Retry On Fail repeated, or an earlier
 * run with the same Idempotency Key): the output says so, without an autocall_id, which OMICall
 * does not return for it.
 */
export async function startCampaign(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<CampaignPlan>(requestData.options);
	if (!plan) return [];
	const output: INodeExecutionData[] = [];
	if (plan.body) {
		// Decree 91's 24-hour log: recorded before the request (an answer that never comes still
		// counts as a call), forgotten for the numbers OMICall certainly did not call.
		recordNumbers(this, plan.guard);
		try {
			const [answer] = await sendOmicall(this, requestData, { body: plan.body });
			output.push({
				json: { ...(answer?.json ?? {}), ext_session_id: plan.sessionId, alreadyStarted: false },
				pairedItem: plan.paired,
			});
			const own = plan.paired[0]?.item ?? this.getItemIndex();
			output.push(...vendorDoNotCall(this, answer?.json ?? {}, plan.guard, plan.itemOf ?? {}, own));
		} catch (error) {
			if (!isRepeatedSession(error)) {
				const failure = nodeError(this, error);
				if (isDefiniteRefusal(failure)) forgetNumbers(this, plan.guard);
				if (!this.continueOnFail()) throw failure;
				// Continue On Fail: every input item the campaign covered gets its own error item, and
				// the left-out duplicates and bad rows are output as planned; no item vanishes.
				return withSummaries([...failedCampaignItems(plan, failure), ...plan.extra], plan.guard);
			}
			const code = String((error as { context?: IDataObject }).context?.vendorCode ?? '');
			output.push({
				json: {
					alreadyStarted: true,
					ext_session_id: plan.sessionId,
					autocall_id: null,
					bot_script_id: plan.body.bot_script_id as string,
					vendorCode: code,
					message: `OMICall refused ext_session_id ${plan.sessionId} as already used (${code}): a campaign with this session ID was started before, by an earlier attempt of this node or an earlier run with the same Idempotency Key. No second campaign was started. OMICall does not return the earlier campaign's autocall_id.`,
				},
				pairedItem: plan.paired,
			});
		}
	}
	output.push(...plan.extra);
	return withSummaries(output, plan.guard);
}
