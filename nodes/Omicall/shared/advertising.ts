import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { CallLog } from '../../shared/compliance/callLog';
import { complianceSummary, type ComplianceSettings } from '../../shared/compliance/guard';
import {
	leftOutItems as leftOutOutput,
	withSummaries as summariesOutput,
} from '../../shared/compliance/output';
import { isVietnameseNumber } from '../../shared/compliance/rules';
import { screenAdvertising, type Candidate, type LeftOut } from '../../shared/compliance/screen';
import { phoneKey } from '../../shared/input';

/**
 * The Decree 91 guard on OMICall's call-starting operations (Campaign → Start, Call → Click to
 * Call, Auto-Call → Start by Phone; docs/compliance.md), with the guard's core in
 * nodes/shared/compliance/. Auto-Call → Start by Extension calls the account's own extensions
 * (internal calls, not customers): the rules do not apply and it has no Call Purpose.
 *
 * 1. before any request, an item's numbers are screened (`screenNumbers`): Do-Not-Call, consent
 *    and the 24-hour cap, across the whole run, under the campaign's key (the derived
 *    ext_session_id of a campaign, the per-attempt key of a click-to-call or auto-call), so a
 *    retry of the same campaign does not leave out its own numbers;
 * 2. the pagination function records the numbers just before sending them (`recordNumbers`) and
 *    forgets those OMICall refused for certain (`forgetNumbers`);
 * 3. every output item carries its item's summary (`withSummaries`), the numbers left out an
 *    output item each (`leftOutItems`).
 */

/** What a plan carries about the guard. */
export interface PlanGuard {
	/** The campaign (or dialing attempt) the numbers are logged under. */
	campaign: string;
	/** Each covered item's output summary. */
	summaries: Record<number, IDataObject>;
	leftOut: LeftOut[];
	/** The 24-hour log keys of the advertising numbers about to be sent. */
	logKeys: string[];
}

/** A number to screen, with its item's settings. */
export interface GuardCandidate extends Candidate {
	settings: ComplianceSettings;
}

/**
 * Splits the candidates into those to send and those left out (advertising only; service numbers
 * pass), and the guard the plan carries. Call the window check first.
 */
export function screenNumbers(
	ctx: IExecuteSingleFunctions,
	candidates: GuardCandidate[],
	campaign: string,
	notes: (settings: ComplianceSettings) => IDataObject = () => ({}),
): { send: GuardCandidate[]; guard: PlanGuard } {
	const log = new CallLog(ctx);
	const send: GuardCandidate[] = [];
	const leftOut: LeftOut[] = [];
	const logKeys: string[] = [];
	for (const candidate of candidates) {
		const { settings } = candidate;
		if (settings.purpose !== 'advertising') {
			send.push(candidate);
			continue;
		}
		const screened = screenAdvertising([{ ...candidate, consent: settings.consent }], {
			...settings,
			log,
			campaign,
		});
		leftOut.push(...screened.leftOut);
		if (!screened.send.length) continue;
		send.push(candidate);
		if (isVietnameseNumber(candidate.phone)) logKeys.push(phoneKey(candidate.phone));
	}
	const summaries: Record<number, IDataObject> = {};
	for (const { itemIndex, settings } of candidates) {
		if (summaries[itemIndex]) continue;
		summaries[itemIndex] = {
			...complianceSummary(settings, leftOut.length),
			...(settings.purpose === 'advertising' ? notes(settings) : {}),
		};
	}
	return { send, guard: { campaign, summaries, leftOut, logKeys } };
}

/** Records the advertising numbers of a plan in the 24-hour log, before the request sends them. */
export function recordNumbers(ctx: IExecuteSingleFunctions, guard: PlanGuard | undefined): void {
	if (guard?.logKeys.length) new CallLog(ctx).record(guard.logKeys, guard.campaign);
}

/** Forgets numbers OMICall certainly did not call (all of the plan's when `phones` is omitted). */
export function forgetNumbers(
	ctx: IExecuteSingleFunctions,
	guard: PlanGuard | undefined,
	phones?: unknown[],
): void {
	if (!guard?.logKeys.length) return;
	const keys = phones ? phones.map((phone) => phoneKey(phone)) : guard.logKeys;
	new CallLog(ctx).forget(keys, guard.campaign);
}

/** Output items of the numbers left out, paired to their input items. */
export function leftOutItems(guard: PlanGuard | undefined): INodeExecutionData[] {
	return leftOutOutput(guard?.leftOut ?? []);
}

/**
 * Adds its item's summary to every output item (a campaign's: its first covered item's; an item
 * not paired yet, e.g. a vendor answer: `ownItem`'s).
 */
export function withSummaries(
	items: INodeExecutionData[],
	guard: PlanGuard | undefined,
	ownItem?: number,
): INodeExecutionData[] {
	return summariesOutput(items, guard?.summaries, ownItem);
}
