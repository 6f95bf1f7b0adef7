import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { sha256Hex } from '../../../../shared/crypto';
import { inputError } from '../../../../shared/input';
import {
	PAGE_LIMITS,
	pairedTo,
	readPages,
	readerOf,
	type PageCount,
} from '../../../transport/pagination';
import { sendOmicallRead } from '../../../transport/rateLimit';
import { nodeError } from '../../../transport/request';

/**
 * Call history of any period (Get Many, Search, Get Report), read in windows OMICall accepts.
 *
 * OMICall refuses call-history periods over 30 days (`date_is_too_long`, documented for
 * call_transaction/list; assumed for report and search, where the reference is silent). The node
 * walks the period from To back to From in windows of at most 30 days and pages through each:
 *
 * - Get Many and Search: consecutive windows share their boundary millisecond
 *   (`[To − 30 d, To]`, `[To − 60 d, To − 30 d]`, …), and a call already output (same
 *   `transaction_id`) is not output again. So a call on a boundary appears exactly once whether
 *   OMICall treats to_date as inclusive or exclusive (the reference does not say).
 * - Get Report: windows do not overlap (`[To − 30 d, To]`, `[To − 60 d, To − 30 d − 1 ms]`, …)
 *   and their counts are added up. This reads from_date and to_date as inclusive, as the
 *   emulator does; were to_date exclusive, a call in the last millisecond of a window would be
 *   left out of the sums (list rows cannot be told apart in a sum, so there is no de-duplication).
 *
 * Should OMICall still answer `date_is_too_long` for a window, the window is halved (down to one
 * hour) and the walk goes on. Rate-limited answers are retried with a capped back-off
 * (`sendOmicallRead`). The page cap (PAGE_LIMITS) counts the requests of all windows together.
 *
 * Here: the windows and the walk of Get Many and Search; Get Report's sums are in ../getReport.ts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The widest window the node asks for (an object so that tests could narrow it). */
export const HISTORY_WINDOW = { ms: 30 * DAY_MS, minMs: 60 * 60 * 1000 };

export type Target = 'qs' | 'body';

export function datesOf(requestData: DeclarativeRestApiSettings.ResultOptions, target: Target) {
	const holder = (target === 'qs' ? requestData.options.qs : requestData.options.body) as
		| IDataObject
		| undefined;
	const from = Number(holder?.from_date);
	const to = Number(holder?.to_date);
	return holder?.from_date === undefined || holder?.to_date === undefined
		? undefined
		: { from, to };
}

export function withDates(
	requestData: DeclarativeRestApiSettings.ResultOptions,
	target: Target,
	from: number,
	to: number,
): Partial<IHttpRequestOptions> {
	if (target === 'qs') {
		return {
			qs: { ...((requestData.options.qs ?? {}) as IDataObject), from_date: from, to_date: to },
		};
	}
	const body = (
		typeof requestData.options.body === 'object' && requestData.options.body
			? requestData.options.body
			: {}
	) as IDataObject;
	return { body: { ...body, from_date: from, to_date: to } };
}

/** Refuses, before any request, a period that needs more windows than the page cap allows. */
export function checkWindowCount(ctx: IExecutePaginationFunctions, from: number, to: number): void {
	const windows = Math.ceil((to - from) / HISTORY_WINDOW.ms) || 1;
	if (windows > PAGE_LIMITS.maxPages) {
		inputError(
			ctx,
			'From',
			`is ${Math.round((to - from) / DAY_MS)} days before To`,
			`The node reads at most ${PAGE_LIMITS.maxPages} pages per item, and this period needs ${windows} windows of 30 days. Shorten the period.`,
		);
	}
}

function isTooLong(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.vendorCode === 'date_is_too_long';
}

/** A narrower window after `date_is_too_long`, or the error again when it cannot be narrower. */
export function narrower(ctx: IExecutePaginationFunctions, span: number, error: unknown): number {
	if (!isTooLong(error) || span <= HISTORY_WINDOW.minMs) throw nodeError(ctx, error);
	return Math.max(HISTORY_WINDOW.minMs, Math.floor(span / 2));
}

/** What makes two rows the same call: transaction_id, else _id, else the whole row. */
function rowKey(row: IDataObject): string {
	for (const field of ['transaction_id', '_id']) {
		const value = row[field];
		if (typeof value === 'string' && value) return `${field}:${value}`;
	}
	return `row:${sha256Hex(JSON.stringify(row))}`;
}

/** Get Many (`qs`) and Search (`body`): every call of From..To once, up to the Limit. */
export function paginateCallHistory(target: Target) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const { limit } = readerOf(this, requestData);
		const results: INodeExecutionData[] = [];
		const seen = new Set<string>();
		const take = (item: INodeExecutionData) => {
			if (results.length >= limit) return;
			const key = rowKey(item.json);
			if (seen.has(key)) return;
			seen.add(key);
			results.push(item);
		};
		const done = () => results.length >= limit;
		const count: PageCount = { pages: 0 };
		const dates = datesOf(requestData, target);
		if (!dates) {
			await readPages(this, requestData, { count, take, done, send: sendOmicallRead });
			return pairedTo(this, results);
		}
		checkWindowCount(this, dates.from, dates.to);
		let span = HISTORY_WINDOW.ms;
		let end = dates.to;
		for (;;) {
			const start = Math.max(dates.from, end - span);
			try {
				await readPages(this, requestData, {
					overrides: withDates(requestData, target, start, end),
					count,
					take,
					done,
					send: sendOmicallRead,
				});
			} catch (error) {
				span = narrower(this, span, error);
				continue;
			}
			if (done() || start <= dates.from) return pairedTo(this, results);
			end = start;
		}
	};
}
