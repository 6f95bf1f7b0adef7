import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { combineIdempotencyKeys } from '../../shared/idempotency';
import { inputError, phoneKey } from '../../shared/input';
import { groupBy } from '../../shared/items';
import { contactsSourceOf } from '../../shared/contacts';
import {
	keepFirstOfEachNumber,
	numbersOfOtherItems,
	planErrorItems,
	planForItems,
	planOf,
	readItemsOnce,
	withPlan,
} from '../../shared/plan';
import { asNodeError } from '../transport/errors';
import {
	forgetRefused,
	leftOutItems,
	recordSending,
	withCompliance,
	withSummaries,
	type PlanCompliance,
} from './advertising';
import { orderIdDeriver } from './callListEntry';
import { AUTO_NUMBERS_PER_REQUEST } from './constants';
import {
	countryCodeOption,
	duplicateNumbersOption,
	itemOrder,
	itemOrders,
	type OrderEntry,
	type SkippedEntry,
} from './numbersInput';
import { skippedItems } from './orderOutput';
import {
	failedItems,
	partialImportError,
	sendGroup,
	type GroupOutcome,
	type ImportGroup,
	type ImportKind,
	type RequestSize,
} from './orderSending';

/**
 * Task → Create and Call, Order → Add and Replace Latest Batch, from the node's parameters to the
 * request bodies sent and the output items (the many-items path of nodes/shared/plan.ts, for
 * NXCLOUD), top to bottom in this module:
 *
 * 1. preSend per item (`prepareCreateAndCall`, ../resources/task/createAndCall.ts;
 *    `prepareAddOrders`, ../resources/order/shared/numbers.ts, for Add and Replace Latest Batch; the
 *    routing in each resource's index.ts) → `collectOrders`: every item's numbers are read and
 *    checked once per run (./numbersInput.ts, through `planForItems` / `readItemsOnce`); in "One
 *    Number per Input Item" mode the first valid item (the leader) takes them all and every other
 *    item sends nothing;
 * 2. the checks of the set (`checkSet`): "Duplicate Numbers" (`keepFirstOfEachNumber`, across
 *    items with `numbersOfOtherItems`), then order IDs used twice;
 * 3. groups: the preSend groups the orders by task (`groupsByTask`; Create and Call: its one new
 *    task), and `planSet` / `withPlan` hand the plan (kind, groups, Numbers per Request, repeats)
 *    to the pagination function openly, as the body of the request options (`withPlan`: see
 *    nodes/shared/plan.ts for why that holds in n8n's routing engine);
 * 4. the pagination function `sendOrders` (below) takes the plan (`planOf`) and sends each group in
 *    requests of at most "Numbers per Request" (`sendGroup`, ./orderSending.ts): lookups first
 *    before importBatchCall (./orderLookups.ts), the operation's own first request then
 *    addBatchCall, a request NXCLOUD refuses as too large (4001) split in half in the automatic
 *    mode. It sends those bodies in the plan's place, never the plan;
 * 5. output items (./orderOutput.ts): one per order and one per repeat left out; when a request
 *    fails, with Continue On Fail one error item per order not imported, without it an error
 *    saying what each task accepted.
 */

/** The orders of one plan: those to send, the repeats left out, the key of the whole set. */
export interface OrderSet {
	entries: OrderEntry[];
	skipped: SkippedEntry[];
	/** One Idempotency Key for all the items of the set ('' unless every item has one). */
	idempotencyKey: string;
	/** The input items the set covers. */
	itemIndexes: number[];
	/** An error of the whole set, kept for planSet (Continue On Fail, many items). */
	failure?: unknown;
}

export interface ImportPlan {
	kind: ImportKind;
	/** Numbers per request: a fixed size, or 0 (automatic: see sendGroup). */
	numbersPerRequest: number;
	groups: ImportGroup[];
	/** Repeats of numbers sent once ("Duplicate Numbers: Call Once"), each with an output item. */
	skipped: SkippedEntry[];
	/** The Decree 91 guard: each item's summary, the numbers left out (./advertising.ts). */
	compliance?: PlanCompliance;
	/** An input error of the whole set (Continue On Fail): nothing is sent, each item gets it. */
	failure?: { error: unknown; itemIndexes: number[] };
}

/**
 * The orders of this item, or undefined when this item sends nothing ("One Number per Input Item"
 * mode, not the leading item). `taskIdFor` reads each item's task (operations on existing tasks).
 * The same number given twice in the run (in any spelling, in the same or another item) is sent
 * once, the repeats are listed in `skipped`; or, with "Duplicate Numbers: Stop with an Error", an
 * error names both items before anything is sent.
 */
export function collectOrders(
	ctx: IExecuteSingleFunctions,
	taskIdFor?: (itemIndex: number) => string,
): OrderSet | undefined {
	const source = contactsSourceOf(ctx);
	const countryCode = countryCodeOption(ctx);
	const deriveOrderId = orderIdDeriver(ctx);
	let entries: OrderEntry[];
	let setKey: string;
	let heldByOthers = new Map<string, number>();
	if (source === 'items') {
		// Every item's fields are read once per run; the first valid item gets them all.
		const plan = planForItems(
			ctx,
			'nxcloud.orders',
			(itemIndex) =>
				withCompliance(ctx, itemIndex, () => [
					itemOrder(ctx, countryCode, itemIndex, deriveOrderId, taskIdFor),
				])[0],
		);
		if (!plan.leader) return undefined;
		entries = plan.entries.map((entry) => entry.value);
		setKey = combineIdempotencyKeys(entries.map((entry) => entry.idempotencyKey));
	} else {
		// Every item sends its own orders; every item's orders are read and checked once per run
		// (to find a number that an earlier item sends), and this item takes its own.
		const readings = readItemsOnce(ctx, `nxcloud.orders.${source}`, (itemIndex) =>
			withCompliance(ctx, itemIndex, () =>
				itemOrders(ctx, source, countryCode, itemIndex, deriveOrderId, taskIdFor),
			),
		);
		const mine = readings[ctx.getItemIndex()];
		if (!mine.ok) throw asNodeError(ctx.getNode(), mine.error, ctx.getItemIndex());
		entries = mine.value;
		setKey = entries[0]?.idempotencyKey ?? '';
		heldByOthers = numbersOfOtherItems(
			readings.map((reading) =>
				reading.ok
					? {
							ok: true,
							value: reading.value.map((entry) =>
								phoneKey(entry.order.userPhone, countryCode || '84'),
							),
						}
					: reading,
			),
			ctx.getItemIndex(),
			duplicateNumbersOption(ctx),
		);
	}
	if (!entries.length) {
		inputError(ctx, 'Numbers', 'is empty', 'Add at least one phone number.');
	}
	const itemIndexes = [...new Set(entries.map((entry) => entry.itemIndex))];
	try {
		return {
			...checkSet(ctx, countryCode, entries, heldByOthers),
			idempotencyKey: setKey,
			itemIndexes,
		};
	} catch (error) {
		if (itemIndexes.length <= 1 || !ctx.continueOnFail())
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		return { entries: [], skipped: [], idempotencyKey: setKey, itemIndexes, failure: error };
	}
}

/** The checks of a whole set of orders: repeated numbers, then order IDs used twice. */
function checkSet(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
	entries: OrderEntry[],
	heldByOthers: Map<string, number>,
): { entries: OrderEntry[]; skipped: SkippedEntry[] } {
	const { kept, skipped } = dropDuplicates(ctx, countryCode, entries, heldByOthers);
	const seen = new Map<string, OrderEntry>();
	for (const entry of kept) {
		const orderID = String(entry.order.orderID);
		const first = seen.get(orderID);
		if (first !== undefined) {
			const sameKey = entry.derivedOrderId && first.derivedOrderId && entry.idempotencyKey;
			inputError(
				ctx,
				'Order ID',
				`"${orderID}" is used twice (also by item ${first.itemIndex})`,
				sameKey
					? `Items ${first.itemIndex} and ${entry.itemIndex} have the same Idempotency Key; give each item its own key (e.g. the CRM event ID and the contact ID).`
					: 'Order IDs must be unique: leave the field empty to derive them, or fix the duplicates.',
				entry.itemIndex,
			);
		}
		seen.set(orderID, entry);
	}
	return { entries: kept, skipped };
}

/**
 * Leaves out numbers given earlier in the run ("Call Once"), or stops naming both items ("Stop with
 * an Error"). `heldByOthers` holds the numbers other items send (Define Below, JSON Array: see
 * `numbersOfOtherItems`), each with its item.
 */
function dropDuplicates(
	ctx: IExecuteSingleFunctions,
	countryCode: string,
	entries: OrderEntry[],
	heldByOthers: Map<string, number>,
): { kept: OrderEntry[]; skipped: SkippedEntry[] } {
	const { kept, repeats } = keepFirstOfEachNumber(
		entries,
		(entry) => ({ phone: entry.order.userPhone, itemIndex: entry.itemIndex }),
		duplicateNumbersOption(ctx),
		(entry, first) =>
			inputError(
				ctx,
				'Phone',
				`${String(entry.order.userPhone)} is given twice (items ${Math.min(first, entry.itemIndex)} and ${Math.max(first, entry.itemIndex)})`,
				'Remove the repeated number, or set the option Duplicate Numbers to Call Once.',
				Math.max(first, entry.itemIndex),
			),
		countryCode || '84',
		new Map(heldByOthers),
	);
	const skipped = repeats.map(
		({ entry, duplicateOfItem }): SkippedEntry => ({
			itemIndex: entry.itemIndex,
			taskId: entry.taskId,
			phone: String(entry.order.userPhone),
			duplicateOfItem,
		}),
	);
	return { kept, skipped };
}

/**
 * Plans a set of orders with `build` (the task-level checks and the plan). With Continue On Fail, an
 * error of a set that covers several input items (one task for all of them) gives each of those
 * items an error item, instead of only the leading item while the others vanish.
 */
export function planSet(
	ctx: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	orders: OrderSet,
	build: () => IHttpRequestOptions,
): IHttpRequestOptions {
	try {
		if (orders.failure) throw orders.failure;
		return build();
	} catch (error) {
		if (orders.itemIndexes.length <= 1 || !ctx.continueOnFail())
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		const plan: ImportPlan = {
			kind: 'add',
			numbersPerRequest: 1,
			groups: [],
			skipped: [],
			failure: { error, itemIndexes: orders.itemIndexes },
		};
		return withPlan(requestOptions, plan);
	}
}

/** Groups orders by their task. */
export function groupsByTask(
	entries: OrderEntry[],
	callbacks: { orderCallbackUrl: string; callCallbackUrl: string },
): ImportGroup[] {
	return groupBy(entries, (entry) => entry.taskId).map(({ key, entries: grouped }) => ({
		userTaskID: key,
		derivedTaskId: false,
		...callbacks,
		entries: grouped,
	}));
}

/**
 * Pagination function of the operations that send numbers: each task's numbers in requests of at
 * most "Numbers per Request" (see sendGroup). When a request fails, with Continue On Fail the
 * numbers accepted until then are output as imported and the others as error items, each paired
 * to its input item; without it, the error says how many numbers each task accepted.
 */
export async function sendOrders(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const plan = planOf<ImportPlan>(requestData.options);
	if (!plan) return [];
	// A set that could not be planned (Continue On Fail, many items): nothing was sent, each input
	// item it covers gets the error.
	if (plan.failure)
		return planErrorItems(plan.failure.error, plan.failure.itemIndexes, {
			keepEmptyDescription: true,
		});
	const results: INodeExecutionData[] = [
		...leftOutItems(plan.compliance?.leftOut ?? []),
		...skippedItems(plan.skipped),
	];
	const orderItems: INodeExecutionData[] = [];
	const outcomes: GroupOutcome[] = [];
	const continueOnFail = this.continueOnFail();
	const size: RequestSize = {
		automatic: !plan.numbersPerRequest,
		current: plan.numbersPerRequest || AUTO_NUMBERS_PER_REQUEST,
	};
	for (const group of plan.groups) {
		// Decree 91's 24-hour log: recorded before the request (an answer that never comes still
		// counts as a call), forgotten for the numbers NXCLOUD certainly did not take.
		recordSending(this, group.entries);
		const outcome = await sendGroup(this, requestData, plan.kind, group, size);
		forgetRefused(this, outcome.refused);
		outcomes.push(outcome);
		orderItems.push(...outcome.results.map((result) => result.item));
		if (!outcome.error) continue;
		if (!continueOnFail) throw partialImportError(this, outcomes, outcome, size);
		orderItems.push(...failedItems(outcome));
	}
	// The automatic mode reports the size it settled on with every order.
	if (size.automatic) for (const item of orderItems) item.json.numbersPerRequest = size.current;
	return withSummaries([...results, ...orderItems], plan.compliance);
}
