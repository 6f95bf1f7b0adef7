import { NodeApiError, type IDataObject, type IPollFunctions } from 'n8n-workflow';
import { HISTORY_WINDOW } from '../resources/call/shared/history';
import { listItems } from '../transport/output';
import { PAGE_LIMITS } from '../transport/pagination';
import { omicallRequest } from '../transport/direct';

/**
 * Reading call history for the poller: every auto-call and callbot call (`is_auto_call=true`) with
 * from ≤ created_date ≤ to, over all pages and in windows OMICall accepts (at most 30 days each,
 * `date_is_too_long`), each call once (by transaction_id).
 *
 * - Consecutive windows share their boundary millisecond (`[to − 30 d, to]`, `[to − 60 d, to − 30 d]`,
 *   …), as Call → Get Many does, so a call on a boundary is read whether OMICall treats to_date as
 *   inclusive or exclusive; the second copy is dropped by its transaction_id.
 * - Every page is read until OMICall says there is no next page (`has_next` or `hasNext`, text or
 *   boolean), or a page is empty. A page that repeats the page before, a page number that does not
 *   move on, and more than PAGE_LIMITS.maxPages pages in one poll stop the poll with an error
 *   (nothing is emitted, the cursor stays): the list would not be complete.
 * - A call that appears twice (a new call pushed the list down by one while the poller read it) is
 *   kept once.
 */

export interface HistoryRead {
	/** The calls read, newest first as OMICall lists them, each once. */
	calls: IDataObject[];
	/** How many requests were sent. */
	requests: number;
}

/** What makes two rows the same call: transaction_id, else _id. Rows with neither are dropped. */
export function callKey(row: IDataObject): string | undefined {
	for (const field of ['transaction_id', 'transactionId', '_id']) {
		const value = row[field];
		if ((typeof value === 'string' && value) || typeof value === 'number') return String(value);
	}
	return undefined;
}

function stop(ctx: IPollFunctions, message: string): never {
	throw new NodeApiError(
		ctx.getNode(),
		{},
		{
			message,
			description:
				'Nothing was emitted and the poller did not move on: the next poll reads the same period again. If it keeps happening, OMICall paging is broken for call history; lower the Look-Back Window.',
		},
	);
}

/**
 * Reads the calls of [from, to]. `stopAfter` ends the walk early once that many calls were read
 * (manual mode's latest few); otherwise every page of every window is read.
 */
export async function readCallHistory(
	ctx: IPollFunctions,
	from: number,
	to: number,
	{ pageSize = 50, stopAfter = Number.POSITIVE_INFINITY } = {},
): Promise<HistoryRead> {
	const seen = new Set<string>();
	const calls: IDataObject[] = [];
	let requests = 0;
	for (let end = to; ; ) {
		const start = Math.max(from, end - HISTORY_WINDOW.ms);
		let previous: string | undefined;
		for (let page = 1; ; page++) {
			if (++requests > PAGE_LIMITS.maxPages) {
				stop(
					ctx,
					`OMICall still reports more calls after ${PAGE_LIMITS.maxPages} pages in one poll`,
				);
			}
			const payload = await omicallRequest(ctx, 'GET', '/api/call_transaction/list', {
				qs: { from_date: start, to_date: end, is_auto_call: true, page, size: pageSize },
			});
			const rows = listItems(payload);
			const records = (Array.isArray(rows) ? rows : []).filter(
				(row): row is IDataObject => typeof row === 'object' && row !== null && !Array.isArray(row),
			);
			const info = (payload && typeof payload === 'object' ? payload : {}) as IDataObject;
			const reported = Number(info.page_number ?? info.pageNumber ?? page);
			if (Number.isFinite(reported) && reported !== page) {
				stop(ctx, `OMICall answered page ${reported} when asked for page ${page}`);
			}
			const fingerprint = JSON.stringify(records.map(callKey));
			if (records.length && fingerprint === previous) {
				stop(ctx, `OMICall answered page ${page} with the same calls as page ${page - 1}`);
			}
			previous = fingerprint;
			for (const record of records) {
				const key = callKey(record);
				if (key === undefined || seen.has(key)) continue;
				seen.add(key);
				calls.push(record);
			}
			const hasNext = String(info.has_next ?? info.hasNext) === 'true';
			if (!hasNext || !records.length || calls.length >= stopAfter) break;
		}
		if (start <= from || calls.length >= stopAfter) return { calls, requests };
		end = start;
	}
}
