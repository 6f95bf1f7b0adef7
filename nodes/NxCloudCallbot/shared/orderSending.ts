import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { asNodeError, vendorCodeOf } from '../transport/errors';
import { isCertainRefusal } from './advertising';
import { callEndpoint, compact, type NxEndpoint } from '../transport/request';
import { OVER_CAPACITY_CODE, PRODUCT_ID } from './constants';
import type { OrderEntry } from './numbersInput';
import {
	confirmClaimedImports,
	confirmEarlierImports,
	existingOrders,
	isSameOrder,
} from './orderLookups';
import { alreadyImported, orderFields, orderResults, type OrderResult } from './orderOutput';

/**
 * Sending one task's numbers (a group of the plan, ./orderPlan.ts): the lookups before
 * importBatchCall, the first request (createAndCall, addBatchCall or importBatchCall) and the
 * addBatchCall requests after it, the automatic "Numbers per Request" halved on 4001, and what
 * an error leaves (the orders imported until then, the error of a partial import).
 */

export type ImportKind = 'createAndCall' | 'add' | 'replace';

export interface ImportGroup {
	userTaskID: string;
	/** Whether the node derived the task ID (then a retry may resume an earlier attempt's task). */
	derivedTaskId: boolean;
	/** createAndCall: the body without its callList. */
	createBody?: IDataObject;
	orderCallbackUrl: string;
	callCallbackUrl: string;
	entries: OrderEntry[];
}

/** Codes a createAndCall for an already existing task may plausibly get (not documented). */
const TASK_EXISTS_CODES = [1, 4];

/** What sending one task's numbers came to: the results, and the error that stopped it. */
export interface GroupOutcome {
	group: ImportGroup;
	results: OrderResult[];
	/** The orders not (known to be) imported when an error stopped the group. */
	failed: OrderEntry[];
	/**
	 * The orders NXCLOUD certainly did not take: rejected in an answer (and not found in the task),
	 * never sent, or in a request refused as invalid or unauthorised (the 24-hour log forgets them).
	 */
	refused: OrderEntry[];
	error?: unknown;
}

/** The orders of results NXCLOUD rejected (after the lookups: not in the task). */
function rejectedEntries(results: OrderResult[]): OrderEntry[] {
	return results
		.filter((result) => result.entry && result.item.json.imported === false)
		.map((result) => result.entry!);
}

/** The first request of a task's numbers, resuming an earlier attempt's task if it exists. */
async function sendFirst(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	group: ImportGroup,
	endpoint: NxEndpoint,
	callInfoList: IDataObject,
): Promise<IDataObject> {
	const addBody = { productID: PRODUCT_ID, userTaskID: group.userTaskID, callInfoList };
	if (endpoint !== 'createAndCall') return await callEndpoint(ctx, requestData, endpoint, addBody);
	try {
		return await callEndpoint(ctx, requestData, endpoint, { ...group.createBody, callInfoList });
	} catch (error) {
		const code = vendorCodeOf(error);
		if (!group.derivedTaskId || code === undefined || !TASK_EXISTS_CODES.includes(code))
			throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
		// A retry (Retry On Fail) of an attempt whose answer was lost, or a re-run with the same
		// Idempotency Key: the derived task ID already exists, so the numbers are added to it. If the
		// task does not exist (an input error), the createAndCall error was the real one.
		try {
			return await callEndpoint(ctx, requestData, 'addBatchCall', addBody);
		} catch (resumeError) {
			const resumeCode = vendorCodeOf(resumeError);
			throw asNodeError(
				ctx.getNode(),
				resumeCode !== undefined && TASK_EXISTS_CODES.includes(resumeCode) ? error : resumeError,
				ctx.getItemIndex(),
			);
		}
	}
}

/**
 * Sends one task's numbers in requests of at most "Numbers per Request": the operation's own first
 * (createAndCall, addBatchCall or importBatchCall), then addBatchCall (never importBatchCall again,
 * which would delete the undialed numbers just sent). Before importBatchCall, every order ID is
 * looked up: if an earlier attempt (Retry On Fail) or run (same IDs) already replaced the batch,
 * only the missing numbers are added. An error stops the group; what was imported until
 * then is in the outcome.
 */
export async function sendGroup(
	ctx: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	kind: ImportKind,
	group: ImportGroup,
	size: RequestSize,
): Promise<GroupOutcome> {
	const results: OrderResult[] = [];
	let pending = group.entries;
	let doubtful: OrderResult[] = [];
	/** The results of the current request that needed no confirmation. */
	let settled: OrderResult[] = [];
	/** The orders of the request being sent, and whether NXCLOUD refused it for certain. */
	let inFlight: OrderEntry[] = [];
	let refusedRequest = false;
	let taskID: unknown;
	try {
		let endpoint: NxEndpoint =
			kind === 'createAndCall'
				? 'createAndCall'
				: kind === 'replace'
					? 'importBatchCall'
					: 'addBatchCall';
		if (kind === 'replace') {
			// Every order ID is looked up, derived or your own: one found in the task with the same
			// number means an earlier attempt (Retry On Fail) or run already replaced the batch, so
			// importBatchCall is not sent again (it would delete the numbers that attempt imported);
			// only the missing numbers are added.
			const found = await existingOrders(
				ctx,
				requestData,
				group.userTaskID,
				group.entries.map((entry) => String(entry.order.orderID)),
			);
			const earlier = new Set(pending.filter((entry) => isSameOrder(found, entry)));
			if (earlier.size) {
				results.push(...[...earlier].map((entry) => alreadyImported(entry, group.userTaskID)));
				pending = pending.filter((entry) => !earlier.has(entry));
				endpoint = 'addBatchCall';
			}
		}
		while (pending.length) {
			const entries = pending.slice(0, size.current);
			const callInfoList = {
				orderCallbackUrl: group.orderCallbackUrl,
				callCallbackUrl: group.callCallbackUrl,
				callList: entries.map((entry) => entry.order),
			};
			let answer: IDataObject;
			inFlight = entries;
			try {
				answer = await sendFirst(ctx, requestData, group, endpoint, callInfoList);
			} catch (error) {
				// Automatic size: NXCLOUD refused the request as too large (4001); the same numbers go
				// again in two halves, the rest at the new size. Our reading is that a 4001 takes
				// nothing. A repeated addBatchCall or createAndCall would be safe anyway (NXCLOUD rejects
				// order IDs it has, and they are confirmed), but a second importBatchCall would delete
				// what the first one took: so after a 4001 on importBatchCall, the refused orders are
				// looked up; if any was taken, the batch was replaced, the taken ones are reported as
				// imported and the rest is added (addBatchCall).
				if (!size.automatic || entries.length <= 1 || vendorCodeOf(error) !== OVER_CAPACITY_CODE) {
					refusedRequest = isCertainRefusal(error);
					throw asNodeError(ctx.getNode(), error, ctx.getItemIndex());
				}
				size.current = Math.ceil(entries.length / 2);
				if (endpoint === 'importBatchCall') {
					const found = await existingOrders(
						ctx,
						requestData,
						group.userTaskID,
						entries.map((entry) => String(entry.order.orderID)),
					);
					const taken = new Set(entries.filter((entry) => isSameOrder(found, entry)));
					if (taken.size) {
						results.push(...[...taken].map((entry) => alreadyImported(entry, group.userTaskID)));
						pending = pending.filter((entry) => !taken.has(entry));
						endpoint = 'addBatchCall';
					}
				}
				continue;
			}
			endpoint = 'addBatchCall';
			taskID = answer.taskID ?? taskID;
			const chunkResults = orderResults(entries, answer, group.userTaskID, taskID);
			const rejected = chunkResults.filter(
				(result) => result.entry && result.item.json.imported === false,
			);
			const claimed = chunkResults.filter(
				(result) => result.entry && result.item.json.imported === true,
			);
			// successCount lower than the orders not in errList: some orders NXCLOUD neither imported
			// nor reported. Each is looked up rather than reported as imported.
			const successCount = Number(answer.successCount);
			const unconfirmed =
				answer.successCount !== undefined &&
				Number.isInteger(successCount) &&
				successCount < claimed.length
					? claimed
					: [];
			doubtful = [...rejected, ...unconfirmed];
			const doubtfulSet = new Set(doubtful);
			settled = chunkResults.filter((result) => !doubtfulSet.has(result));
			pending = pending.slice(entries.length);
			inFlight = [];
			await confirmEarlierImports(ctx, requestData, group.userTaskID, rejected);
			await confirmClaimedImports(ctx, requestData, group.userTaskID, unconfirmed, successCount);
			// In the order of the request (the confirmed ones in their place).
			results.push(...chunkResults);
			doubtful = [];
			settled = [];
		}
		return { group, results, failed: [], refused: rejectedEntries(results) };
	} catch (error) {
		results.push(...settled);
		const failed = [...doubtful.map((result) => result.entry!), ...pending];
		const notSent = pending.filter((entry) => refusedRequest || !inFlight.includes(entry));
		return { group, results, failed, refused: [...rejectedEntries(results), ...notSent], error };
	}
}

/**
 * The request size of a run: fixed, or automatic (starts at AUTO_NUMBERS_PER_REQUEST, halved on
 * every 4001, kept for the following requests and tasks of the run).
 */
export interface RequestSize {
	automatic: boolean;
	current: number;
}

/** How many numbers of a group NXCLOUD accepted (imported now or before). */
function acceptedCount(outcome: GroupOutcome): number {
	return outcome.results.filter((result) => result.item.json.imported === true).length;
}

/**
 * The error of a partial import, saying which task, how many numbers were accepted and how to
 * resume without dialing them again.
 */
export function partialImportError(
	ctx: IExecutePaginationFunctions,
	outcomes: GroupOutcome[],
	failedOutcome: GroupOutcome,
	size: RequestSize,
): NodeApiError | NodeOperationError {
	const error = asNodeError(ctx.getNode(), failedOutcome.error, ctx.getItemIndex());
	const accepted = outcomes.map(
		(outcome) =>
			`task ${outcome.group.userTaskID}: ${acceptedCount(outcome)} of ${outcome.group.entries.length} numbers accepted`,
	);
	error.description = [
		error.description,
		`Before this error NXCLOUD confirmed: ${accepted.join('; ')}. The accepted numbers will be dialed; the request that failed may have been carried out too.`,
		size.automatic && vendorCodeOf(failedOutcome.error) === OVER_CAPACITY_CODE
			? 'NXCLOUD refused even a request with one number as too large (4001).'
			: undefined,
		'Retry On Fail resends the same task and order IDs, so accepted numbers are not added twice.',
		`Re-running the execution later adds only the missing numbers if this run had the option Idempotency Key set (the same key derives the same IDs); otherwise leave out the accepted numbers (Order → Get Many on task ${failedOutcome.group.userTaskID} lists them) or they are dialed again.`,
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

/** Output items of a group stopped by an error (Continue On Fail): one per order not imported. */
export function failedItems(outcome: GroupOutcome): INodeExecutionData[] {
	const error = outcome.error as { message?: string; description?: string | null };
	const message = error?.message ?? String(outcome.error);
	return outcome.failed.map((entry) => ({
		json: compact({
			userTaskID: outcome.group.userTaskID,
			...orderFields(entry),
			imported: false,
			error: message,
			errorDescription: error?.description ?? undefined,
		}),
		pairedItem: { item: entry.itemIndex },
	}));
}
