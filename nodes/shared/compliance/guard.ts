import { NodeOperationError, type IDataObject, type IExecuteSingleFunctions } from 'n8n-workflow';
import { parameterForItem } from '../items';
import { CALL_PURPOSE_VERSION, type CallPurpose } from './fields';
import { formatVietnamTime, isInsideWindow, isVietnameseNumber, nextOpening } from './rules';
import { doNotCallKeys } from './screen';

/**
 * Reading the Decree 91 fields of one item, and the calling-window check (see docs/compliance.md).
 * The per-number rules are in screen.ts, the 24-hour memory in callLog.ts.
 */

/** The Decree 91 settings of one item. */
export interface ComplianceSettings {
	purpose: CallPurpose;
	/** Whether the node is version 1 and so a service caller by default (with the editor notice). */
	legacyDefault: boolean;
	agreedToOtherHours: boolean;
	agreedToMoreCalls: boolean;
	/** The item's Consent value; undefined when the option is not set. */
	consent: unknown;
	doNotCall: Set<string>;
}

/**
 * Reads Call Purpose and Advertising Rules of an item (this item, or any item of the run: the
 * leading item of "One … per Input Item" reads them all); refuses an unset purpose (version 1.1).
 */
export function readCompliance(
	ctx: IExecuteSingleFunctions,
	itemIndex = ctx.getItemIndex(),
): ComplianceSettings {
	const node = ctx.getNode();
	const parameter = (name: string, fallback: unknown) =>
		itemIndex === ctx.getItemIndex()
			? ctx.getNodeParameter(name, fallback)
			: parameterForItem(ctx, name, itemIndex, fallback);
	const purpose = String(parameter('callPurpose', '') ?? '');
	if (purpose !== 'advertising' && purpose !== 'service') {
		throw new NodeOperationError(
			node,
			`Call Purpose of item ${itemIndex} is not set: choose Advertising or Service or Transactional`,
			{
				itemIndex,
				description:
					"Vietnam's Decree 91/2020/ND-CP sets rules for advertising calls. Choose Advertising (Decree 91 Rules) if the calls promote products or services, otherwise Service or Transactional.",
			},
		);
	}
	const rules =
		purpose === 'advertising'
			? ((parameter('advertisingRules', {}) ?? {}) as IDataObject)
			: ({} as IDataObject);
	return {
		purpose,
		legacyDefault: node.typeVersion < CALL_PURPOSE_VERSION,
		agreedToOtherHours: rules.agreedToOtherHours === true,
		agreedToMoreCalls: rules.agreedToMoreCalls === true,
		consent: 'consent' in rules ? rules.consent : undefined,
		doNotCall: doNotCallKeys(rules.doNotCall),
	};
}

/**
 * Refuses to start advertising calls to Vietnamese numbers outside 08:00–17:00 Vietnam time (at
 * `startAt`, Unix ms: now, or a scheduled start), unless the recipients agreed to other hours.
 */
export function checkCallingWindow(
	ctx: IExecuteSingleFunctions,
	settings: ComplianceSettings,
	phones: unknown[],
	startAt: number,
	itemIndex = ctx.getItemIndex(),
): void {
	if (settings.purpose !== 'advertising' || settings.agreedToOtherHours) return;
	if (isInsideWindow(startAt) || !phones.some(isVietnameseNumber)) return;
	const next = nextOpening(startAt);
	throw new NodeOperationError(
		ctx.getNode(),
		`Advertising calls to Vietnamese numbers may start only between 08:00 and 17:00 Vietnam time (Decree 91/2020/ND-CP); item ${itemIndex} would start them at ${formatVietnamTime(startAt)} Vietnam time. Run it again from ${formatVietnamTime(next)} Vietnam time (${new Date(next).toISOString()}).`,
		{
			itemIndex,
			description:
				'Nothing was sent. Start the workflow inside the window (e.g. a Schedule Trigger, or a Wait node until the time above); choose Call Purpose "Service or Transactional" if the calls do not advertise; or, if the recipients agreed to other hours, turn on Advertising Rules → Recipients Agreed to Other Hours.',
		},
	);
}

/** What the output says about the guard (on each item of a call-starting operation). */
export function complianceSummary(settings: ComplianceSettings, leftOut = 0): IDataObject {
	if (settings.purpose === 'service') {
		return {
			callPurpose: 'service',
			...(settings.legacyDefault
				? {
						notice:
							'Call Purpose not chosen (node added before version 1.1): treated as service calls; Decree 91 advertising rules not applied.',
					}
				: {}),
		};
	}
	return {
		callPurpose: 'advertising',
		callingWindow: settings.agreedToOtherHours
			? 'not checked: the recipients agreed to other hours'
			: 'checked (08:00–17:00 Vietnam time)',
		oneCallPer24Hours: settings.agreedToMoreCalls
			? 'not checked: the recipients agreed to more calls'
			: 'checked',
		consent: settings.consent === undefined ? 'not checked (no Consent field set)' : 'checked',
		leftOut,
	};
}
