import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { callPurposeProperties } from '../../../shared/compliance/fields';
import { contactsSourceOf } from '../../../shared/contacts';
import { planCompliance, screenOrders, windowApplies } from '../../shared/advertising';
import { PRODUCT_ID } from '../../shared/constants';
import { requiredId } from '../../shared/ids';
import { contactsSourceField, numbersOptions } from '../../shared/numbersFields';
import { numbersPerRequest, orderCallbacks } from '../../shared/numbersInput';
import { withNoPlan, withPlan } from '../../../shared/plan';
import { collectOrders, planSet, type ImportPlan } from '../../shared/orderPlan';
import { clipDialingHours } from './shared/advertisingHours';
import { buildTaskCreateSetting } from './shared/createSetting';
import { buildFuncFlag, taskFeatureOptions } from './shared/features';
import { newTaskId, newTaskIdOption } from './shared/newTaskId';

const show = { resource: ['task'], operation: ['createAndCall'] };

function byName(a: INodeProperties, b: INodeProperties): number {
	return a.displayName.localeCompare(b.displayName);
}

/**
 * Numbers Source, after the task settings (`taskSettingsFields`, shared with Create and Update); the
 * callback and contact fields are `numbersFields`.
 */
export const taskCreateAndCallDescription: INodeProperties[] = [
	contactsSourceField(
		show,
		'Create one task for all input items; map each item to a number with expressions',
		'Create one task per input item',
	),
];

/**
 * Call Purpose (Decree 91) and the Options of Create and Call: placed after `numbersFields` in the
 * node (UI order).
 */
export const taskCreateAndCallOptions: INodeProperties[] = [
	...callPurposeProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [newTaskIdOption, ...taskFeatureOptions, ...numbersOptions].sort(byName),
	},
];

/** Checks the input and plans createAndCall (plus addBatchCall for numbers beyond the first request). */
export async function prepareCreateAndCall(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const orders = collectOrders(this);
	if (!orders) return withNoPlan(requestOptions);
	return planSet(this, requestOptions, orders, () => {
		const sceneID = requiredId(
			this,
			'sceneId',
			'Script Template ID',
			'Enter the ID of the script template: NXCLOUD platform → Script Management.',
		);
		const taskCreateSetting = buildTaskCreateSetting(this);
		const funcFlag = buildFuncFlag(this);
		const manyItems = contactsSourceOf(this) === 'items';
		// In "one number per input item" mode the task belongs to all items: derived from item 0, or
		// from the Idempotency Keys of all of them.
		const { userTaskID, derived } = newTaskId(
			this,
			manyItems ? 0 : this.getItemIndex(),
			orders.idempotencyKey,
		);
		// Decree 91 (advertising): the window at the start (now, or the scheduled start), the
		// numbers screened with the task as their campaign, the task's hours clipped to the window.
		const startAt = Number(taskCreateSetting.startupAt) * 1000 || Date.now();
		const screened = screenOrders(this, orders.entries, () => userTaskID, startAt);
		const hours = windowApplies(screened.entries)
			? clipDialingHours(this, taskCreateSetting)
			: undefined;
		return withPlan<ImportPlan>(requestOptions, {
			kind: 'createAndCall',
			numbersPerRequest: numbersPerRequest(this),
			groups: [
				{
					userTaskID,
					derivedTaskId: derived,
					createBody: { productID: PRODUCT_ID, userTaskID, sceneID, taskCreateSetting, funcFlag },
					...orderCallbacks(this),
					entries: screened.entries,
				},
			].filter((group) => group.entries.length),
			skipped: orders.skipped.map((entry) => ({ ...entry, taskId: userTaskID })),
			compliance: planCompliance(
				orders.entries,
				screened.leftOut.map((entry) => ({ ...entry, taskId: userTaskID })),
				(settings) => (hours && !settings.agreedToOtherHours ? hours : {}),
			),
		});
	});
}
