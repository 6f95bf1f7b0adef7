import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { idempotencyKeyDeriver } from './idempotency';
import { phoneKey } from './input';
import { isPlanBody, PLAN_BODY_KEY } from './planBody';

/**
 * The path from a node's parameters to the request bodies of the operations that turn many input
 * items into one or a few requests (OMICall Campaign → Start; NXCLOUD Task → Create and Call, Order →
 * Add, Replace Latest Batch, Stop, Get Details), in the order a run takes it:
 *
 * 1. n8n's routing engine calls the operation's preSend once per input item, all in one go, before
 *    any request is sent (node_modules/n8n-core/dist/execution-engine/routing-node.js).
 * 2. The first preSend to ask calls `readItemsOnce`: it reads every item's parameters exactly once
 *    with the operation's `read(itemIndex)` (resolve the item's fields, check them) and keeps each
 *    item's entry or input error for the run (`runMemo`, module state keyed by the node run, which is
 *    all n8n offers for sharing between the items of one run). Every other item's preSend finds the
 *    readings there; none reads another item again.
 * 3. `planForItems` turns the readings into each item's part: the first valid item (the leader)
 *    gets every valid entry and sends for all of them; a bad item throws its own input error (with
 *    Continue On Fail it gets its own error item); every other item sends nothing.
 * 4. The leader plans the requests once: `keepFirstOfEachNumber` applies "Duplicate Numbers",
 *    `derivedIds` derives the campaign, task and order IDs from run-level facts read once, `chunk`
 *    splits long lists.
 * 5. The vendor builds its bodies from the plan and the leader's preSend hands the plan to the
 *    operation's pagination function in the returned request options' body (`withPlan`, `planOf`,
 *    below: the routing engine passes that object on unchanged; the pagination function sends the
 *    real bodies, and the credentials refuse to send a plan, ./planBody.ts): OMICall's
 *    `contact_info` in nodes/Omicall/resources/campaign/shared/startPlan.ts, NXCLOUD's `callList` in
 *    nodes/NxCloudCallbot/shared/orderPlan.ts (whose pagination function sends the chunks through
 *    nodes/NxCloudCallbot/shared/orderSending.ts, splitting a chunk NXCLOUD refuses as too large,
 *    code 4001).
 *
 * The "one request per item" modes (Define Below, JSON Array) use `readItemsOnce` too, to find a
 * number given by another item without reading that item once per item.
 */

// ------------------------------------------------------------------ the run

/**
 * The input items the routing engine runs in this node run. With the node setting "Execute Once",
 * n8n-core (`handleExecuteOnce`) hands the engine only the first item, while the execute data still
 * holds them all: count 1 then, so the items the user left out are never read or sent.
 */
export function runItemCount(ctx: IExecuteSingleFunctions): number {
	if (ctx.getNode().executeOnce === true) return 1;
	const data = ctx.getExecuteData()?.data;
	const items = data?.main?.[0] ?? data?.ai_tool?.[0];
	if (Array.isArray(items)) return items.length;
	return Number(ctx.evaluateExpression('{{ $input.all().length }}', 0)) || 0;
}

interface Memo {
	value: unknown;
	/** The items that have taken the memo in this attempt. */
	taken: Set<number>;
	count: number;
}

/**
 * Memos of node runs: one map per run (the execute data object n8n creates for each node run and
 * hands to every item), one entry per `name`. Garbage-collected with the run.
 */
const memos = new WeakMap<object, Map<string, Memo>>();

/**
 * `build()` once per node run and `name`, shared by all items of the run. A Retry On Fail attempt
 * is recognised by an item asking a second time, and builds afresh; the entry is dropped once every
 * item has taken it.
 */
export function runMemo<T>(ctx: IExecuteSingleFunctions, name: string, build: () => T): T {
	const key = ctx.getExecuteData() as object | undefined;
	if (!key) return build();
	let run = memos.get(key);
	if (!run) memos.set(key, (run = new Map()));
	const own = ctx.getItemIndex();
	let memo = run.get(name);
	if (!memo || memo.taken.has(own)) {
		memo = { value: build(), taken: new Set(), count: runItemCount(ctx) };
		run.set(name, memo);
	}
	memo.taken.add(own);
	if (memo.taken.size >= memo.count) run.delete(name);
	return memo.value as T;
}

// ------------------------------------------------------------------ reading every item once

/** An item's entry, or the input error that names it. */
export type Reading<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Every item's reading (`read(itemIndex)`, once per item and run), in item order. */
export function readItemsOnce<T>(
	ctx: IExecuteSingleFunctions,
	name: string,
	read: (itemIndex: number) => T,
): Array<Reading<T>> {
	return runMemo(ctx, name, () => {
		const count = Math.max(runItemCount(ctx), ctx.getItemIndex() + 1);
		const readings: Array<Reading<T>> = [];
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			try {
				readings.push({ ok: true, value: read(itemIndex) });
			} catch (error) {
				readings.push({ ok: false, error });
			}
		}
		return readings;
	});
}

export interface ItemEntry<T> {
	itemIndex: number;
	value: T;
}

export interface ItemsPlan<T> {
	/** Whether this item sends the request for all items. */
	leader: boolean;
	/** The valid entries of all items (only for the leader), in item order. */
	entries: Array<ItemEntry<T>>;
}

/** The first valid item of a run's readings, found once per run (not once per item). */
const leaders = new WeakMap<object, number>();

function leaderOf<T>(readings: Array<Reading<T>>): number {
	let leader = leaders.get(readings);
	if (leader === undefined) leaders.set(readings, (leader = readings.findIndex((r) => r.ok)));
	return leader;
}

/**
 * This item's part of the "one entry per input item" mode. `read(i)` resolves and checks the entry
 * of item i, throwing an input error that names item i when it is not valid; it runs once per item
 * and run (`name` tells the operations apart).
 *
 * - An item with a bad entry throws its own error (with Continue On Fail, it gets its own error item).
 * - The first valid item is the leader: it gets every valid entry and sends one request (set) for
 *   all. Without Continue On Fail, a bad entry anywhere stops it before anything is sent, with the
 *   error of the first bad item; with it, the bad entries are left out.
 * - The other items send nothing.
 */
export function planForItems<T>(
	ctx: IExecuteSingleFunctions,
	name: string,
	read: (itemIndex: number) => T,
): ItemsPlan<T> {
	const readings = readItemsOnce(ctx, name, read);
	const own = ctx.getItemIndex();
	const mine = readings[own];
	if (!mine.ok) throw mine.error;
	if (leaderOf(readings) !== own) return { leader: false, entries: [] };
	const continueOnFail = ctx.continueOnFail();
	const entries: Array<ItemEntry<T>> = [];
	readings.forEach((reading, itemIndex) => {
		if (reading.ok) entries.push({ itemIndex, value: reading.value });
		else if (!continueOnFail) throw reading.error;
	});
	return { leader: true, entries };
}

// ------------------------------------------------------------------ the plan

export type DuplicateNumbers = 'callOnce' | 'error';

/** A number left out because the same number came earlier in the run ("Call Once"). */
export interface Repeat<T> {
	entry: T;
	/** The item of the first entry with the number. */
	duplicateOfItem: number;
}

/**
 * "Duplicate Numbers" over entries in send order: the first entry of each number (any spelling,
 * `phoneKey`) is kept; a repeat is left out ("Call Once") or stops everything, naming both items
 * ("Stop with an Error", `refuse`). `seen` holds numbers already taken (e.g. by other items).
 */
export function keepFirstOfEachNumber<T>(
	entries: T[],
	of: (entry: T) => { phone: unknown; itemIndex: number },
	mode: DuplicateNumbers,
	refuse: (entry: T, firstItem: number) => never,
	countryCode = '84',
	seen = new Map<string, number>(),
): { kept: T[]; repeats: Array<Repeat<T>> } {
	const kept: T[] = [];
	const repeats: Array<Repeat<T>> = [];
	for (const entry of entries) {
		const { phone, itemIndex } = of(entry);
		const key = phoneKey(phone, countryCode);
		const first = key ? seen.get(key) : undefined;
		if (first === undefined) {
			if (key) seen.set(key, itemIndex);
			kept.push(entry);
		} else if (mode === 'error') refuse(entry, first);
		else repeats.push({ entry, duplicateOfItem: first });
	}
	return { kept, repeats };
}

/**
 * Derives IDs the way `deriveIdempotencyKey` does (the same ID for the same arguments), with the
 * run-level facts (workflow, node, execution, run index) read once for the whole plan.
 */
export function derivedIds(
	ctx: IExecuteSingleFunctions,
): (scope: string, length: number, itemIndex: number, idempotencyKey: string) => string {
	return idempotencyKeyDeriver(ctx);
}

/** Splits a list into consecutive chunks of at most `size` elements. */
export function chunk<T>(list: T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size) || 1);
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += step)
		chunks.push(list.slice(start, start + step));
	return chunks;
}

/**
 * "Duplicate Numbers" across the items of a run that each send their own request (Define Below,
 * JSON Array): the numbers (phone keys) that other items send, each with the item that holds it.
 * `readings` holds, per item, the keys of the numbers that item sends; an item that fails its own
 * checks has an error reading and sends nothing, so its numbers do not count (a number is never
 * skipped as a repeat of an item that is not sent). With "Call Once" only earlier items count (the
 * first item that sends a number keeps it); with "Stop with an Error", every other item does.
 * Pass the result as `seen` to `keepFirstOfEachNumber`.
 */
export function numbersOfOtherItems(
	readings: Array<Reading<string[]>>,
	own: number,
	mode: DuplicateNumbers,
): Map<string, number> {
	const held = new Map<string, number>();
	readings.forEach((reading, itemIndex) => {
		if (!reading.ok || itemIndex === own) return;
		if (mode === 'callOnce' && itemIndex > own) return;
		for (const key of reading.value) if (key && !held.has(key)) held.set(key, itemIndex);
	});
	return held;
}

// ------------------------------------------------------------------ the plan in the request options

/**
 * How a plan reaches the pagination function that sends it: n8n's routing engine sets the request
 * options to the object the operation's preSends return and hands that same object, unchanged, to
 * the pagination function (node_modules/n8n-core/dist/execution-engine/routing-node.js, makeRequest:
 * `requestData.options = await preSend(...)` for each preSend, then `pagination.call(...,
 * requestData)`; nothing copies or resolves the options in between, and the engine sends nothing
 * itself when the operation has a pagination function). So the plan travels openly, as the body of
 * those options; the pagination function sends its own bodies in its place, never the plan. An item
 * without a plan (not the leading item of "One … per Input Item") has none there (`withNoPlan`) and
 * sends nothing. Should an operation lose its pagination function, the credential refuses the plan
 * body (`refusePlanBody`, ./planBody.ts) instead of sending it, for every item.
 */
export function withPlan<T>(options: IHttpRequestOptions, plan: T): IHttpRequestOptions {
	return { ...options, body: { [PLAN_BODY_KEY]: plan } as unknown as IDataObject };
}

/**
 * The request options of an item that sends nothing (its entries are in the leading item's plan):
 * a plan body without a plan, so `planOf` finds none, and a request made of it is refused like one
 * with a plan.
 */
export function withNoPlan(options: IHttpRequestOptions): IHttpRequestOptions {
	return withPlan(options, undefined);
}

/** The plan a preSend left in the request options (`withPlan`), or undefined when there is none. */
export function planOf<T>(options: { body?: unknown }): T | undefined {
	return isPlanBody(options.body) ? (options.body[PLAN_BODY_KEY] as T) : undefined;
}

/**
 * Error items of a plan that failed (Continue On Fail): one per input item it covers, paired with
 * it, with the error's message (`fallback` when it has none, else the error as text) and its
 * description, then the `more` fields. A description '' is left out unless `keepEmptyDescription`
 * (NXCLOUD's output has it).
 */
export function planErrorItems(
	error: unknown,
	itemIndexes: number[],
	spelling: { fallback?: string; keepEmptyDescription?: boolean; more?: IDataObject } = {},
): INodeExecutionData[] {
	const { message, description } = (error ?? {}) as {
		message?: string;
		description?: string | null;
	};
	const described = spelling.keepEmptyDescription
		? description !== undefined && description !== null
		: Boolean(description);
	return itemIndexes.map((item) => ({
		json: {
			error: message ?? spelling.fallback ?? String(error),
			...(described ? { errorDescription: description } : {}),
			...spelling.more,
		},
		pairedItem: { item },
	}));
}
