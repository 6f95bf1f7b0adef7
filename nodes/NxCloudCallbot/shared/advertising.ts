import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { CallLog } from '../../shared/compliance/callLog';
import {
	checkCallingWindow,
	complianceSummary,
	readCompliance,
	type ComplianceSettings,
} from '../../shared/compliance/guard';
import {
	leftOutItems as leftOutOutput,
	withSummaries as summariesOutput,
} from '../../shared/compliance/output';
import { isVietnameseNumber } from '../../shared/compliance/rules';
import { screenAdvertising, type LeftOut } from '../../shared/compliance/screen';
import { phoneKey } from '../../shared/input';
import { groupBy } from '../../shared/items';
import { vendorCodeOf } from '../transport/errors';
import { compact } from '../transport/request';
import type { OrderEntry } from './numbersInput';

/**
 * The Decree 91 guard on the operations that send numbers (Task → Create and Call, Order → Add,
 * Replace Latest Batch; docs/compliance.md), with the guard's core in nodes/shared/compliance/:
 *
 * 1. every item's Call Purpose and Advertising Rules are read with its numbers (`withCompliance`,
 *    an input error of that item when the purpose is not set);
 * 2. the leading item (or each item in Define Below / JSON Array) screens its numbers before any
 *    request (`screenOrders`): the calling window at the start, then Do-Not-Call, consent and the
 *    24-hour cap per number across the whole run. The campaign of a number is its task for Create
 *    and Call (a new task per run unless the Idempotency Key repeats it), and its task and order
 *    for Order → Add / Replace Latest Batch: those add to a task that lives on, and NXCLOUD dials a
 *    second order of the same number in the same task, so only the same order (the same order ID,
 *    which NXCLOUD refuses a second time) is the same call;
 * 3. the pagination function records the numbers of a task just before sending them
 *    (`recordSending`) and forgets those NXCLOUD refused for certain (`forgetRefused`);
 * 4. every output item carries the summary of its item (`withSummaries`).
 */

/** A number left out by the Decree 91 rules, with its task. */
export interface LeftOutEntry extends LeftOut {
	taskId: string;
}

/** What a plan carries about the guard: each item's output summary, the numbers left out. */
export interface PlanCompliance {
	summaries: Record<number, IDataObject>;
	leftOut: LeftOutEntry[];
}

/** The orders of an item with its Decree 91 settings (read first: an unset purpose sends nothing). */
export function withCompliance(
	ctx: IExecuteSingleFunctions,
	itemIndex: number,
	read: () => OrderEntry[],
): OrderEntry[] {
	const compliance = readCompliance(ctx, itemIndex);
	return read().map((entry) => ({ ...entry, compliance }));
}

/** Whether the calling window applies to these orders (advertising, Vietnamese, no agreement). */
export function windowApplies(entries: OrderEntry[]): boolean {
	return entries.some(
		(entry) =>
			entry.compliance?.purpose === 'advertising' &&
			!entry.compliance.agreedToOtherHours &&
			isVietnameseNumber(entry.order.userPhone),
	);
}

/**
 * The window check at `startAt` (Unix ms) for each item, then the per-number rules: the orders to
 * send (advertising ones with their `campaign`), and those left out (each gets an output item).
 * Service orders pass unchanged.
 */
export function screenOrders(
	ctx: IExecuteSingleFunctions,
	entries: OrderEntry[],
	campaignOf: (entry: OrderEntry) => string,
	startAt: number,
): { entries: OrderEntry[]; leftOut: LeftOutEntry[] } {
	const byItem = groupBy(entries, (entry) => String(entry.itemIndex));
	for (const { entries: ofItem } of byItem) {
		const settings = ofItem[0].compliance;
		if (!settings) continue;
		const phones = ofItem.map((entry) => entry.order.userPhone);
		checkCallingWindow(ctx, settings, phones, startAt, ofItem[0].itemIndex);
	}
	const log = new CallLog(ctx);
	const kept: OrderEntry[] = [];
	const leftOut: LeftOutEntry[] = [];
	for (const entry of entries) {
		const settings = entry.compliance;
		if (settings?.purpose !== 'advertising') {
			kept.push(entry);
			continue;
		}
		const candidate = {
			phone: String(entry.order.userPhone),
			itemIndex: entry.itemIndex,
			consent: settings.consent,
		};
		const campaign = campaignOf(entry);
		const screened = screenAdvertising([candidate], { ...settings, log, campaign });
		if (screened.send.length) kept.push({ ...entry, campaign });
		for (const out of screened.leftOut) leftOut.push({ ...out, taskId: entry.taskId });
	}
	return { entries: kept, leftOut };
}

/** The plan's part of the guard: each covered item's summary (with `notes`), the left-out numbers. */
export function planCompliance(
	entries: OrderEntry[],
	leftOut: LeftOutEntry[],
	notes: (settings: ComplianceSettings) => IDataObject = () => ({}),
): PlanCompliance {
	const summaries: Record<number, IDataObject> = {};
	for (const entry of entries) {
		if (!entry.compliance || summaries[entry.itemIndex]) continue;
		summaries[entry.itemIndex] = {
			...complianceSummary(entry.compliance, leftOut.length),
			...(entry.compliance.purpose === 'advertising' ? notes(entry.compliance) : {}),
		};
	}
	return { summaries, leftOut };
}

/** Output items of the numbers left out, paired to their input items (the task ID first). */
export function leftOutItems(leftOut: LeftOutEntry[]): INodeExecutionData[] {
	return leftOutOutput(leftOut, (entry) =>
		compact({ userTaskID: entry.taskId || undefined, phone: entry.phone }),
	);
}

/** Adds its item's summary to every output item (items of no known item stay as they are). */
export function withSummaries(
	items: INodeExecutionData[],
	compliance: PlanCompliance | undefined,
): INodeExecutionData[] {
	return summariesOutput(items, compliance?.summaries);
}

/** The advertising orders whose numbers the 24-hour log keeps, by campaign (set by screenOrders). */
function loggedByCampaign(entries: OrderEntry[]) {
	const logged = entries.filter(
		(entry) =>
			entry.campaign !== undefined &&
			entry.compliance?.purpose === 'advertising' &&
			isVietnameseNumber(entry.order.userPhone),
	);
	return groupBy(logged, (entry) => entry.campaign!).map(({ key, entries: ofCampaign }) => ({
		campaign: key,
		keys: ofCampaign.map((entry) => phoneKey(entry.order.userPhone)),
	}));
}

type LogContext = Pick<IExecuteSingleFunctions, 'getWorkflowStaticData'>;

/** Records or forgets the advertising numbers of these orders, each under its campaign. */
function updateLog(ctx: LogContext, entries: OrderEntry[], action: 'record' | 'forget'): void {
	const log = new CallLog(ctx);
	for (const { campaign, keys } of loggedByCampaign(entries)) log[action](keys, campaign);
}

/** Records a task's advertising numbers in the 24-hour log, before the first request sends them. */
export function recordSending(ctx: LogContext, entries: OrderEntry[]): void {
	updateLog(ctx, entries, 'record');
}

/**
 * Forgets the numbers NXCLOUD certainly did not take: rejected in its answer (and not found in the
 * task), never sent, or in a request it refused as invalid or unauthorised (retCode of the input or
 * credential families). A number whose request got no answer, or a temporary or general error,
 * stays logged: it may have been dialed.
 */
export function forgetRefused(ctx: LogContext, refused: OrderEntry[]): void {
	updateLog(ctx, refused, 'forget');
}

/** Whether an error is NXCLOUD refusing a request as invalid or unauthorised (nothing taken). */
export function isCertainRefusal(error: unknown): boolean {
	const family = (error as { context?: IDataObject } | undefined)?.context?.family;
	return vendorCodeOf(error) !== undefined && (family === 'input' || family === 'credential');
}
