import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { readCompliance } from '../../../../shared/compliance/guard';
import { combineIdempotencyKeys, deriveIdempotencyKey } from '../../../../shared/idempotency';
import { inputError, phoneKey } from '../../../../shared/input';
import { contactsSourceOf, parametersOf } from '../../../../shared/contacts';
import {
	keepFirstOfEachNumber,
	numbersOfOtherItems,
	planErrorItems,
	planForItems,
	readItemsOnce,
} from '../../../../shared/plan';
import { toolCallKey } from '../../../../shared/toolMode';
import { nodeError } from '../../../transport/request';
import { leftOutItems, type PlanGuard } from '../../../shared/advertising';
import { textField } from './checks';
import { itemContactOf, rowsOf, type Row } from './contacts';
import { guardCampaign } from './guard';
import { readSettings } from './settings';

/**
 * Campaign → Start, from the node's parameters to the output items (the many-items path of
 * nodes/shared/plan.ts, for OMICall):
 *
 * 1. node parameters → readings: every item's contacts (./contacts.ts) and, for the items that
 *    send, its campaign settings (./settings.ts), read once per run (`planForItems`,
 *    `readItemsOnce`);
 * 2. readings → plan (`planCampaign`, below): which item sends which contacts, the left-out
 *    duplicates ("Duplicate Numbers") and, with Continue On Fail, bad rows;
 * 3. plan → body: the execute_by_phone body of each sending item (campaign settings, contact_info
 *    and ext_session_id, derived so a retry cannot start the campaign twice), below;
 * 4. body → request: the preSend (`prepareStartCampaign`, ../start.ts) hands the plan to the
 *    pagination function (`startCampaign`) in the request options, which sends the body;
 * 5. → output items: `startCampaign` outputs the campaign, paired with every input item it covers,
 *    then the plan's extra items (skipped duplicates, bad rows).
 */

/** What an item sends (the campaign, when it has contacts) and outputs besides the campaign. */
export interface CampaignPlan {
	/** The execute_by_phone body; undefined when every contact was left out. */
	body?: IDataObject;
	sessionId: string;
	/** The input items whose contacts are in the campaign. */
	paired: Array<{ item: number }>;
	/**
	 * Output items for left-out duplicates, numbers left out by the Decree 91 guard and (with
	 * Continue On Fail) bad contact rows.
	 */
	extra: INodeExecutionData[];
	/** The Decree 91 guard (./guard.ts): summaries, the numbers to log under the session ID. */
	guard?: PlanGuard;
	/** The input item of each number sent (by phoneKey), for OMICall's per-number answers. */
	itemOf?: Record<string, number>;
}

/** The plan of this item: its campaign and extra output items, or undefined when it sends nothing. */
export function planCampaign(ctx: IExecuteSingleFunctions): CampaignPlan | undefined {
	const source = contactsSourceOf(ctx);
	return source === 'items' ? planForAllItems(ctx) : planForOneItem(ctx, source);
}

/** "One Contact per Input Item": the first valid item sends one campaign for all valid items. */
function planForAllItems(ctx: IExecuteSingleFunctions): CampaignPlan | undefined {
	const read = (itemIndex: number) => {
		const get = parametersOf(ctx, itemIndex);
		const compliance = readCompliance(ctx, itemIndex);
		const contact = itemContactOf(ctx, get, itemIndex);
		const options = get('options', {}) as IDataObject;
		const key =
			textField(
				ctx,
				options?.idempotencyKey,
				'Idempotency Key',
				'Map the key to a text value, e.g. the event ID.',
				itemIndex,
			) || toolCallKey(ctx, itemIndex);
		return { contact, key, compliance };
	};
	// Every item's fields are read once per run; the first valid item gets them all.
	const plan = planForItems(ctx, 'omicall.campaign', read);
	if (!plan.leader) return undefined;
	const own = ctx.getItemIndex();
	let settings: ReturnType<typeof readSettings>;
	let kept: ReturnType<typeof keepFirstOfEachNumber<(typeof plan.entries)[number]>>;
	let sessionId: string;
	let guarded: ReturnType<typeof guardCampaign>;
	try {
		// The campaign settings are the leader's (they may be per-item expressions).
		settings = readSettings(ctx, parametersOf(ctx, own), own);
		const duplicateNumbers = settings.duplicateNumbers;
		kept = keepFirstOfEachNumber(
			plan.entries,
			(entry) => ({ phone: entry.value.contact.phone, itemIndex: entry.itemIndex }),
			duplicateNumbers,
			(entry, first) =>
				inputError(
					ctx,
					'Contact phone',
					`"${String(entry.value.contact.phone)}" is the same number as item ${first}`,
					DUPLICATE_FIX,
					entry.itemIndex,
				),
		);
		sessionId =
			settings.ownSessionId ||
			deriveIdempotencyKey(
				ctx,
				'omicall.campaign.start',
				24,
				own,
				combineIdempotencyKeys(kept.kept.map((entry) => entry.value.key)),
			);
		const candidates = kept.kept.map((entry) => ({
			phone: String(entry.value.contact.phone),
			itemIndex: entry.itemIndex,
			settings: entry.value.compliance,
		}));
		guarded = guardCampaign(ctx, candidates, settings.body, sessionId);
	} catch (error) {
		// The campaign of all items cannot be planned. With Continue On Fail, every item it covers
		// gets its own error item (not only the leader, while the others vanish); nothing is sent.
		if (plan.entries.length <= 1 || !ctx.continueOnFail()) throw nodeError(ctx, error);
		return {
			sessionId: '',
			paired: [],
			extra: planErrorItems(
				error,
				plan.entries.map((entry) => entry.itemIndex),
				{ fallback: 'The campaign could not be planned' },
			),
		};
	}
	const { repeats } = kept;
	const sending = new Set(guarded.send.map((candidate) => candidate.itemIndex));
	const included = kept.kept.filter((entry) => sending.has(entry.itemIndex));
	const extra = [
		...repeats.map(({ entry, duplicateOfItem }) =>
			skippedItem(entry.itemIndex, duplicateOfItem, entry.value.contact.phone),
		),
		...leftOutItems(guarded.guard),
	];
	return {
		body: included.length
			? {
					...guarded.body,
					contact_info: included.map((entry) => entry.value.contact),
					ext_session_id: sessionId,
				}
			: undefined,
		sessionId,
		paired: included.map((entry) => ({ item: entry.itemIndex })),
		extra,
		guard: guarded.guard,
		itemOf: Object.fromEntries(guarded.send.map((c) => [phoneKey(c.phone), c.itemIndex])),
	};
}

/**
 * The numbers an item sends (Define Below, JSON Array), to find repeats across items. Throws when
 * that item cannot send (its own error stops it): then its numbers count for no other item. With
 * Continue On Fail a bad contact row is left out and the item sends the others.
 */
function numbersOfItem(ctx: IExecuteSingleFunctions, itemIndex: number, source: string): string[] {
	const continueOnFail = ctx.continueOnFail();
	const get = parametersOf(ctx, itemIndex);
	readSettings(ctx, get, itemIndex);
	const keys: string[] = [];
	for (const row of rowsOf(ctx, get, itemIndex, source)) {
		try {
			keys.push(phoneKey(row.read().phone));
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error);
		}
	}
	return keys;
}

/** "Define Below" and "JSON Array": each item starts its own campaign with its contacts. */
function planForOneItem(ctx: IExecuteSingleFunctions, source: string): CampaignPlan {
	const own = ctx.getItemIndex();
	const get = parametersOf(ctx, own);
	const compliance = readCompliance(ctx, own);
	const settings = readSettings(ctx, get, own);
	const rows = rowsOf(ctx, get, own, source);
	if (!rows.length) {
		inputError(ctx, 'Contacts', 'is empty', 'Add at least one contact with a phone number.', own);
	}
	// Numbers of other items that are sent (see numbersOfOtherItems): earlier items win with Call
	// Once; with Stop with an Error, a number that any other item also gives stops both items before
	// either sends. Every item's numbers are read once per run.
	const numbers = readItemsOnce(ctx, `omicall.numbers.${source}`, (itemIndex) =>
		numbersOfItem(ctx, itemIndex, source),
	);
	const others = numbersOfOtherItems(numbers, own, settings.duplicateNumbers);
	const continueOnFail = ctx.continueOnFail();
	const mine = new Map<string, Row>();
	const contacts: IDataObject[] = [];
	const extra: INodeExecutionData[] = [];
	for (const row of rows) {
		let contact: IDataObject;
		try {
			contact = row.read();
		} catch (error) {
			if (!continueOnFail) throw nodeError(ctx, error);
			extra.push({ json: {}, error: error as NodeOperationError, pairedItem: { item: own } });
			continue;
		}
		const key = phoneKey(contact.phone);
		const other = others.get(key);
		const earlier = mine.get(key);
		if (other === undefined && earlier === undefined) {
			mine.set(key, row);
			contacts.push(contact);
		} else if (settings.duplicateNumbers === 'error') {
			inputError(
				ctx,
				`${row.label} phone`,
				other !== undefined
					? `"${String(contact.phone)}" is the same number as in item ${other}`
					: `"${String(contact.phone)}" is the same number as ${earlier!.label.replace(/:$/, '')}`,
				DUPLICATE_FIX,
				own,
			);
		} else {
			extra.push(skippedItem(own, other ?? own, contact.phone, row.position));
		}
	}
	const sessionId =
		settings.ownSessionId ||
		deriveIdempotencyKey(ctx, 'omicall.campaign.start', 24, own, settings.idempotencyKey);
	const candidates = contacts.map((contact) => ({
		phone: String(contact.phone),
		itemIndex: own,
		settings: compliance,
	}));
	const guarded = guardCampaign(ctx, candidates, settings.body, sessionId);
	const sending = new Set(guarded.send.map((candidate) => phoneKey(candidate.phone)));
	const kept = contacts.filter((contact) => sending.has(phoneKey(contact.phone)));
	extra.push(...leftOutItems(guarded.guard));
	return {
		body: kept.length
			? { ...guarded.body, contact_info: kept, ext_session_id: sessionId }
			: undefined,
		sessionId,
		paired: [{ item: own }],
		extra,
		guard: guarded.guard,
		itemOf: Object.fromEntries([...sending].map((key) => [key, own])),
	};
}

function skippedItem(
	itemIndex: number,
	duplicateOfItem: number,
	phone: unknown,
	contact?: number,
): INodeExecutionData {
	const json: IDataObject = {
		skipped: true,
		reason: 'duplicate',
		duplicateOfItem,
		phone: phone as string,
	};
	if (contact !== undefined) json.contact = contact;
	return { json, pairedItem: { item: itemIndex } };
}

const DUPLICATE_FIX =
	'Remove the repeated number, or set Options → Duplicate Numbers to Call Once to send it once.';
